# SPDX-License-Identifier: Apache-2.0
"""knead.advise: `knead advise` with the CLI's flags as keywords.

As the CLI (cli/cmd_advise.c), the keywords are written as the subject and session documents a
file would hold and read by the same loaders, so every check, range and message is the files'.
"""

from .inputs import InputError, Session, Subject
from .simulation import _run

# keyword: (document, key in the file, unit of a bare number, is a switch), in the CLI's order.
# document 0: subject, 1: the action, 2: the session
FLAGS = {
    "region": (1, "region", None, False),
    "landmark": (1, "landmark", None, False),
    "muscle": (1, "muscle", None, False),
    "technique": (1, "do", None, False),
    "contact": (1, "contact", None, False),
    "force": (1, "force", "N", False),
    "pressure": (1, "pressure", "kPa", False),
    "minutes": (1, "duration", "min", False),
    "repetitions": (1, "repetitions", None, False),
    "rest": (1, "rest_between", "s", False),
    "speed": (1, "speed", "cm/s", False),
    "rate": (1, "rate", "Hz", False),
    "giver": (2, "practitioner", None, False),
    "practitioner_percentile": (2, "practitioner_percentile", None, False),
    "practitioner_seed": (2, "practitioner_seed", None, False),
    "posture": (2, "posture", None, False),
    "age": (0, "age", None, False),
    "sex": (0, "sex", None, False),
    "height": (0, "height", "cm", False),
    "mass": (0, "mass", "kg", False),
    "fever": (0, "temperature", "degC", False),
    "ill": (0, "acute_illness", None, True),
    "dehydration": (0, "hypohydration", "%", False),
    "cramps_per_month": (0, "cramps_per_month", None, False),
    "exertion": (0, "exertion", None, False),
    "blood_pressure": (0, "systolic_pressure", None, False),
    "bp_medication": (0, "bp_medication", None, True),
    "hypertension": (0, "hypertension", None, True),
    "carotid_sensitive": (0, "carotid_sinus_hypersensitivity", None, False),
}

# words people use, mapped to the names in the files (as the CLI)
ALIASES = {
    ("do", "deep"): "deep_stroke",
    ("do", "deep_tissue"): "deep_stroke",
    ("do", "kneading"): "petrissage",
    ("do", "stroking"): "effleurage",
    ("do", "percussion"): "tapotement",
    ("do", "press"): "compression",
    ("practitioner", "partner"): "untrained_partner",
    ("practitioner", "untrained"): "untrained_partner",
    ("practitioner", "rough"): "rough_partner",
    ("practitioner", "therapist"): "professional",
    ("region", "neck"): "neck_lateral",
    ("region", "back"): "upper_back",
    ("region", "shoulder"): "shoulder_top",
    ("region", "shoulders"): "shoulder_top",
    ("carotid_sinus_hypersensitivity", "yes"): "true",
    ("carotid_sinus_hypersensitivity", "no"): "false",
}


def _bare_number(s):
    try:
        float(s)
    except ValueError:
        return False
    return s.strip() == s and s != ""


def _put(indent, key, value, unit):
    """`key: "value"` (YAML double-quoted, so no value can change the document's shape)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return f'{indent}{key}: "{"".join(out)}{" " + unit if unit else ""}"\n'


def _put_flag(indent, name, value):
    doc, key, unit, switch = FLAGS[name]
    if switch:
        return f"{indent}{key}: true\n"
    if name == "blood_pressure":
        sys_, sep, dia = value.partition("/")
        if not sep or not sys_ or len(value) > 60:
            raise ValueError(f"blood_pressure {value}: give systolic/diastolic, e.g. 150/95")
        return (_put(indent, "systolic_pressure", sys_, "mmHg" if _bare_number(sys_) else None)
                + _put(indent, "diastolic_pressure", dia, "mmHg" if _bare_number(dia) else None))
    v = ALIASES.get((key, value), value)
    return _put(indent, key, v, unit if unit and _bare_number(v) else None)


def documents(**flags):
    """The subject and session documents (YAML text) `knead advise` makes of these flags."""
    given = {}
    for name, value in flags.items():
        if name not in FLAGS:
            raise TypeError(f"advise() got an unknown keyword {name!r}")
        if value is None or value is False:
            continue
        if FLAGS[name][3]:
            given[name] = "true"
        else:
            value = str(value)
            if not value:
                raise ValueError(f"{name} needs a value")
            given[name] = value
    if not any(k in given for k in ("region", "landmark", "muscle")):
        raise ValueError("say where: region, landmark or muscle (e.g. region='neck_lateral')")
    if not any(k in given for k in ("force", "pressure")):
        raise ValueError("say how hard: force (e.g. '30N') or pressure")
    subj = 'subject:\n  name: "knead advise"\n'
    sess = 'session:\n  name: "knead advise"\n'
    for name in FLAGS:  # the CLI's order
        if name not in given:
            continue
        doc, key = FLAGS[name][0], FLAGS[name][1]
        if doc == 0:
            subj += _put_flag("  ", name, given[name])
        elif doc == 2 and key != "posture":
            sess += _put_flag("  ", name, given[name])
    sess += "  actions:\n"
    if "posture" in given:
        sess += _put("    - ", "do", "posture", None) + _put_flag("      ", "posture",
                                                                  given["posture"])
    tech = given.get("technique")
    sess += _put("    - ", "do", ALIASES.get(("do", tech), tech) if tech else "effleurage", None)
    if "minutes" not in given:
        sess += _put("      ", "duration", "5", "min")
    for name in FLAGS:
        if name in given and FLAGS[name][0] == 1 and FLAGS[name][1] != "do":
            sess += _put_flag("      ", name, given[name])
    return subj, sess


def advise(**flags):
    """Simulates one action as `knead advise` does and returns the Result; its .summary holds
    "advice_verdict" ("go ahead", "change the plan first", "stop") and "advice" (as
    `knead advise --json`). Keywords are the CLI's flags with '_' for '-', e.g.
    advise(region="neck_lateral", technique="deep", contact="thumb", force="60N", minutes=5,
    giver="partner", fever=38.2); switches (ill, bp_medication, hypertension) take True.
    Bad values raise InputError whose field names the keyword."""
    subj, sess = documents(**flags)
    try:
        subject = Subject(subj, "knead advise")
        session = Session(sess, "knead advise")
        return _run(subject, session, "kept")
    except InputError as e:
        key = (e.field or "").rsplit(".", 1)[-1]
        for name, (_, k, _, _) in FLAGS.items():
            if k == key and name in flags or (key == "diastolic_pressure" and
                                               name == "blood_pressure" and name in flags):
                e.field = name
                e.args = (e.text(),)
                break
        raise
