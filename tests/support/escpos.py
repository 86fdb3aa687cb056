"""Reading a ticket's ESC/POS bytes back, command by command, as a printer would.

:func:`read_escpos` walks the stream python-escpos writes for the kiosk (the commands of
:mod:`kiosk.printing.esc_pos`) and fails on a byte it cannot place: a control byte that came
from the data (a name typed with ESC in it) would start a command no one wrote, or sit in a
run of text. Raster images (``GS v 0``) come back as Pillow images, native QR codes
(``GS ( k``) with their module size, error correction level and payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ESC, GS = 0x1B, 0x1D
#: ESC commands and how many argument bytes follow them.
_ESC_ARGS = {b"@": 0, b"!": 1, b"E": 1, b"M": 1, b"a": 1, b"-": 1, b"G": 1, b"{": 1, b"d": 1,
             b"t": 1, b"3": 1, b"2": 0, b"J": 1, b"V": 1, b"r": 1}
#: GS commands with a fixed number of argument bytes.
_GS_ARGS = {b"!": 1, b"B": 1, b"b": 1, b"L": 2, b"W": 2, b"H": 1, b"f": 1, b"h": 1, b"w": 1}
#: GS V (cut) modes followed by a feed count.
_CUT_WITH_FEED = {65, 66, 97, 98, 103, 104}


class StreamError(AssertionError):
    """A byte the reader cannot place: a stray control code."""


@dataclass
class NativeQR:
    """A QR code the printer draws itself."""

    module: int = 0
    level: str = ""
    payload: str = ""


@dataclass
class Stream:
    """What a ticket's bytes ask the printer to do."""

    commands: list[bytes] = field(default_factory=list)
    texts: list[bytes] = field(default_factory=list)
    rasters: list[Any] = field(default_factory=list)
    qrs: list[NativeQR] = field(default_factory=list)


def read_escpos(data: bytes) -> Stream:
    """The stream's commands, text runs, raster images and native QR codes."""
    stream = Stream()
    i = 0
    while i < len(data):
        byte = data[i]
        if byte == ESC:
            name = data[i + 1:i + 2]
            if name not in _ESC_ARGS:
                raise StreamError(f"unknown command ESC {name!r} at {i}")
            end = i + 2 + _ESC_ARGS[name]
        elif byte == GS:
            end = _gs(data, i, stream)
        elif byte == 0x0A or byte >= 0x20:
            end = i
            while end < len(data) and (data[end] == 0x0A or data[end] >= 0x20) \
                    and data[end] not in (ESC, GS):
                end += 1
            stream.texts.append(data[i:end])
            i = end
            continue
        else:
            raise StreamError(f"control byte {byte:#04x} in the text at {i}")
        stream.commands.append(data[i:min(end, i + 2)])
        i = end
    return stream


def _gs(data: bytes, i: int, stream: Stream) -> int:
    """The end of the GS command at `i` (its image or QR code recorded in `stream`)."""
    name = data[i + 1:i + 2]
    if name in _GS_ARGS:
        return i + 2 + _GS_ARGS[name]
    if name == b"V":
        return i + 3 + (1 if data[i + 2] in _CUT_WITH_FEED else 0)
    if name == b"v" and data[i + 2:i + 3] == b"0":
        width_bytes = data[i + 4] + 256 * data[i + 5]
        height = data[i + 6] + 256 * data[i + 7]
        start = i + 8
        end = start + width_bytes * height
        stream.rasters.append(_image(data[start:end], width_bytes, height))
        return end
    if name == b"(":
        size = data[i + 3] + 256 * data[i + 4]
        body = data[i + 5:i + 5 + size]
        if data[i + 2:i + 3] == b"k":
            _qr_part(body, stream)
        return i + 5 + size
    raise StreamError(f"unknown command GS {name!r} at {i}")


def _qr_part(body: bytes, stream: Stream) -> None:
    """One part of a native QR code: model, module size, level, data, print."""
    function = body[1]
    if function == 65 or not stream.qrs:  # model: a new code
        stream.qrs.append(NativeQR())
    code = stream.qrs[-1]
    if function == 67:
        code.module = body[2]
    elif function == 69:
        code.level = "LMQH"[body[2] - 48]
    elif function == 80:
        code.payload = body[3:].decode("utf-8")


def _image(bits: bytes, width_bytes: int, height: int) -> Any:
    """A raster band as a Pillow image (black = ink)."""
    from PIL import Image, ImageOps

    image = Image.frombytes("1", (width_bytes * 8, height), bits)
    return ImageOps.invert(image.convert("L"))  # ESC/POS: 1 = ink; Pillow "1": 1 = white
