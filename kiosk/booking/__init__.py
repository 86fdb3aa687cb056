"""Appointments with teachers and staff, and e-parentalité workshops.

One module per job: :mod:`~kiosk.booking.model` (objects, statuses, refusals),
:mod:`~kiosk.booking.people`, :mod:`~kiosk.booking.slots`, :mod:`~kiosk.booking.patterns`
(weekly patterns and their one parser), :mod:`~kiosk.booking.appointments`,
:mod:`~kiosk.booking.workshops`, :mod:`~kiosk.booking.codes` (codes and their rate limit),
:mod:`~kiosk.booking.notices`, :mod:`~kiosk.booking.calendar`, :mod:`~kiosk.booking.transfer`
(CSV import/export), :mod:`~kiosk.booking.year` (carry-over and purge), with the shared data
file in :mod:`~kiosk.booking.records`. :func:`kiosk.booking.feature.open_booking` builds them.

Nothing is imported here: the kiosk's first screen does not pay for the feature.
"""
