# SPDX-License-Identifier: Apache-2.0
"""The subject and the session, read by the C loaders (the same checks and messages as the CLI)."""

import json
import os

from ._lib import LOADER_LOCK, ffi, lib, string


class InputError(ValueError):
    """Input the loaders rejected: where (file, line, column, dotted field) and why."""

    def __init__(self, file, line, column, field, message, code=0):
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.code = code  # the negative kn_errno, e.g. -6 for KN_ERANGE
        super().__init__(self.text())

    def text(self):
        """`file:line:col: field: message`, missing parts left out (as the CLI prints it)."""
        where = self.file or ""
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [p for p in (where, self.field) if p]
        return ": ".join(parts + [self.message])

    @classmethod
    def from_diag(cls, diag, default_file=None):
        """From a filled kn_diag."""
        return cls(
            string(diag.file) or default_file,
            diag.line,
            diag.col,
            string(diag.field),
            string(diag.message) or string(lib.kn_strerror(diag.code)),
            diag.code,
        )


def _read(path):
    path = os.fspath(path)
    with open(path, "rb") as f:
        return f.read(), path


def _dict_text(d, root):
    """A dict as a JSON document under `root` (YAML 1.2 reads JSON), one key per line so that the
    line numbers of messages point at the key that was wrong."""
    if not isinstance(d, dict):
        raise TypeError(f"{root}: a dict is needed, not {type(d).__name__}")
    doc = d if set(d) == {root} else {root: d}
    return json.dumps(doc, indent=2).encode("utf-8")


class Subject:
    """Who is massaged: a subject document read by kn_subject_parse."""

    __slots__ = ("_c", "text", "name")

    def __init__(self, text, name):
        """text: the document (YAML or JSON, bytes or str); name: the file name for messages."""
        if isinstance(text, str):
            text = text.encode("utf-8")
        self.text = text
        self.name = name
        self._c = ffi.new("kn_subject *")
        diag = ffi.new("kn_diag *")
        with LOADER_LOCK:
            rc = lib.kn_subject_parse(text, len(text), name.encode("utf-8"), self._c, diag)
        if rc != 0:
            raise InputError.from_diag(diag, name)

    @classmethod
    def from_file(cls, path):
        """Reads a subject file (YAML or JSON)."""
        text, path = _read(path)
        return cls(text, path)

    @classmethod
    def from_dict(cls, d, name="<dict>"):
        """From a dict with the keys of a subject file, e.g. {"age": "62 years", "sex": "female"}
        (the top-level "subject" key may be given or left out)."""
        return cls(_dict_text(d, "subject"), name)

    @classmethod
    def default(cls):
        """The documented default subject (an average adult of 40)."""
        return cls(b"subject: {}\n", "<default>")

    def __getattr__(self, key):
        # the loaded values in SI units, e.g. subject.age, subject.mass
        try:
            return getattr(object.__getattribute__(self, "_c"), key)
        except AttributeError:
            raise AttributeError(key) from None

    def __repr__(self):
        return f"knead.Subject({self.name!r})"


class Session:
    """What is done: a session document read by kn_session_parse."""

    __slots__ = ("text", "name", "_c")

    def __init__(self, text, name):
        if isinstance(text, str):
            text = text.encode("utf-8")
        self.text = text
        self.name = name
        out = ffi.new("kn_session **")
        diag = ffi.new("kn_diag *")
        with LOADER_LOCK:
            rc = lib.kn_session_parse(text, len(text), name.encode("utf-8"), out, diag)
        if rc != 0:
            raise InputError.from_diag(diag, name)
        self._c = ffi.gc(out[0], lib.kn_session_free)

    @classmethod
    def from_file(cls, path):
        """Reads a session file (YAML or JSON)."""
        text, path = _read(path)
        return cls(text, path)

    @classmethod
    def from_dict(cls, d, name="<dict>"):
        """From a dict with the keys of a session file, e.g.
        {"actions": [{"do": "effleurage", "region": "calf", "force": "20 N", "duration": "1 min"}]}
        (the top-level "session" key may be given or left out)."""
        return cls(_dict_text(d, "session"), name)

    def copy(self):
        """A fresh session read from the same text (to change dt or seed without touching this)."""
        return Session(self.text, self.name)

    @property
    def dt(self):
        """s, the simulation step."""
        return self._c.dt

    @property
    def seed(self):
        """The practitioner's random seed."""
        return int(self._c.seed)

    @property
    def practitioner(self):
        """The practitioner profile's name."""
        return string(lib.kn_practitioner_name(self._c.practitioner))

    @property
    def actions(self):
        """Number of actions."""
        return int(self._c.naction)

    def __repr__(self):
        return f"knead.Session({self.name!r})"
