# SPDX-License-Identifier: Apache-2.0
"""knead.Monitor: the real-time safety monitor (include/knead/monitor.h) fed sample by sample."""

import math
from dataclasses import dataclass

from ._lib import ffi, lib, string
from .inputs import Subject

LIMITS = tuple(string(lib.kn_monitor_limit_name(i)) for i in range(9))
SITE_KINDS = ("region", "nerve", "muscle", "body")
_ALIGN = 16  # the monitor's buffer must be 16-byte aligned


def _site(kind, site):
    from .simulation import site_name

    return site_name(kind, site) if site >= 0 else None


@dataclass(frozen=True)
class MonitorStatus:
    """What one push returns: the action to take and the margins behind it."""

    t: float  # s, the sample's time as accepted
    action: str  # "ok", "warning" (ease off), "limit" (back off now), "fault" (safe state)
    reason: str  # worst reason active now, "none" when ok (e.g. "pain", "iso_pressure")
    margin: float  # 1, smallest margin over every site and limit (<= 0 at or over a limit)
    margin_limit: str  # which limit, e.g. "pain"
    margin_site: str  # atlas name of the site with the smallest margin (None if none)
    time_to_limit: float  # s at the current load (inf: never)
    time_limit: str  # which limit
    margins: dict  # {site name: {limit name: margin}} for the sites contacted
    events: tuple  # alarms raised or cleared at this sample: (reason, raised, site, value)
    accepted: bool  # False when the sample was rejected as a sensor fault


class Monitor:
    """A monitor for one subject. push() feeds one contact sample; the C side allocates nothing
    after construction (the sample and status buffers are made once, here)."""

    def __init__(self, subject=None):
        if subject is None:
            subject = Subject.default()
        elif not isinstance(subject, Subject):
            subject = Subject.from_dict(subject) if isinstance(subject, dict) else \
                Subject.from_file(subject)
        self.subject = subject
        mp = ffi.new("kn_monitor_model **")
        rc = lib.kn_monitor_model_create(subject._c, mp)
        if rc != 0:
            raise MemoryError(f"knead: monitor model: {string(lib.kn_strerror(rc))}")
        self._model = ffi.gc(mp[0], lib.kn_monitor_model_free)
        size = lib.kn_monitor_size()
        self._buf = ffi.new("char[]", size + _ALIGN)
        addr = int(ffi.cast("uintptr_t", self._buf))
        aligned = self._buf + ((-addr) % _ALIGN)
        self._mon = lib.kn_monitor_init(self._model, aligned, size)
        if self._mon == ffi.NULL:
            raise RuntimeError("knead: kn_monitor_init refused its buffer")
        self._sample = ffi.new("kn_monitor_sample *")
        self._status = ffi.new("kn_monitor_status *")
        self._regions = {}

    def reset(self):
        """Back to no exposure at all (doses, peaks, alarms)."""
        lib.kn_monitor_reset(self._mon)

    def _region(self, region):
        if region is None:
            return -1
        if isinstance(region, int):
            return region
        i = self._regions.get(region)
        if i is None:
            i = lib.kn_atlas_find_region(region.encode())
            if i < 0:
                raise ValueError(f"unknown region {region!r} (knead atlas lists them)")
            self._regions[region] = i
        return i

    def push(self, t, region, normal_N, shear_N=math.nan, area_m2=math.nan, velocity=math.nan,
             contact_type=None, x=math.nan, y=math.nan):
        """Feeds one contact sample at time t (s): region (atlas name or index; None with force 0
        for no contact), normal_N and shear_N (N; shear NaN: from velocity), area_m2 (m^2; NaN:
        the typical area of contact_type). Returns a MonitorStatus."""
        s = self._sample
        lib.kn_monitor_sample_init(s, float(t))
        s.region = self._region(region)
        s.force = float(normal_N)
        s.shear = float(shear_N) if shear_N is not None else math.nan
        s.area = float(area_m2) if area_m2 is not None else math.nan
        s.velocity = float(velocity) if velocity is not None else math.nan
        s.x, s.y = float(x), float(y)
        if contact_type is not None:
            s.contact_type = lib.kn_atlas_find_contact_type(contact_type.encode())
        st = self._status
        rc = lib.kn_monitor_push(self._mon, s, 1, st)
        margins = {}
        for i in range(st.nsite):
            site = st.sites[i]
            margins[_site(site.kind, site.site)] = {LIMITS[k]: site.margin[k] for k in range(9)}
        events = tuple(
            (string(lib.kn_monitor_reason_name(e.reason)), bool(e.raised),
             _site(e.site_kind, e.site), e.value)
            for e in (st.events[i] for i in range(st.nevent)))
        return MonitorStatus(
            t=st.t,
            action=string(lib.kn_monitor_level_name(st.level)),
            reason=string(lib.kn_monitor_reason_name(st.reason)),
            margin=st.margin,
            margin_limit=string(lib.kn_monitor_limit_name(st.margin_limit)),
            margin_site=_site(st.margin_site_kind, st.margin_site),
            time_to_limit=st.time_to_limit,
            time_limit=string(lib.kn_monitor_limit_name(st.time_limit)),
            margins=margins,
            events=events,
            accepted=rc == 0,
        )
