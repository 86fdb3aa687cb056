"""Printing tickets: printer names, paper, fonts, drawing, ESC/POS, the queue and the service.

One job a module (see :mod:`kiosk.printing.service` for the map). Nothing here imports
:mod:`kiosk.services`: the composition root hands the service what it needs.
"""
