"""Textual screens of the kiosk: parent flows, the staff area (``screens.staff``), widgets.

Screens present and delegate: each is made with a :class:`~screens.context.ScreenContext`
(the features it calls, the parent's session, the translator), reads from the features in
thread workers, shows, and tells the app what happened with the messages of
:mod:`screens.messages`; the app (:mod:`kiosk.app`) decides where to go next. Styles are in
``kiosk.tcss`` and one ``.tcss`` file per flow.
"""
