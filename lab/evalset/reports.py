"""Extra JAKI reports placed next to chosen ones: the same problem again, and look-alikes.

Look-alikes are of another matter: the same reporter about something else, another problem on
the same street, the same problem at another spot or in another kecamatan, a neighbour with the
same bansos complaint, a namesake.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.demo import generator as demo, phrasing, recall, scenes
from lab.evalset.draws import Draws
from lab.evalset.labels import Facts
from lab.evalset.people import national
from lab.evalset.reading import CIVIL_REGISTRY, DOC_TEMPLATES, code_of, distance, metres, parse_time

CLUSTER_RADIUS_M = 28
OTHER_SPOT_M = (550.0, 1000.0)
OTHER_STREET_M = (300.0, 800.0)
OTHER_KECAMATAN_M = 2000.0
EXTRA_SERIAL = 9_000_000  # extra reports are JAKI-YYYY-9xxxxxx
PLACE_CATEGORIES = tuple(c for c in demo.CATEGORIES if c not in demo.PERSON_CATEGORIES)


class Reports(Draws):
    """Makes JAKI reports in the feed's shape next to the background's."""

    place: dict[str, demo.Kelurahan]  # the kelurahan each report was placed around
    kelurahan: dict[str, demo.Kelurahan]
    facts: dict[str, Facts]  # of each report in the mirror
    serial: int  # of the last extra report

    def _scene(self, report: dict[str, Any], place: demo.Kelurahan) -> dict[str, Any]:
        scene = scenes.new_scene(
            self.rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
        )
        recall.recall_scene(report, scene)
        return scene

    def _informal(self, category: str, scene: dict[str, Any], template: int | None) -> str | None:
        """A citizen's text about `scene`; with `template`, one that says that same matter."""
        for _ in range(1 if template is None else 60):
            text = phrasing.informal(
                self.rng, category, scene, place=category not in demo.PERSON_CATEGORIES
            )
            if template is None or recall.template_of(category, text) == template:
                return text
        return None

    def _report(
        self,
        *,
        created: datetime,
        place: demo.Kelurahan,
        category: str,
        scene: dict[str, Any],
        point: tuple[float, float] | None,
        reporter: dict[str, Any] | None,
        template: int | None,
        told: bool,
    ) -> dict[str, Any] | None:
        """A JAKI report in the feed's shape; `told`: only for a walk-in to restate, so with an
        address and a kelurahan for it to repeat."""
        text = self._informal(category, scene, template)
        if text is None or point is None:
            return None
        self.serial += 1
        report = demo.jaki_report(self.rng, self.serial, created, place, self.end)
        self.place[report["id"]] = place
        report.update(category=category, description=text, lat=point[0], lon=point[1])
        report["reporter"] = reporter
        if "address" in report or told:
            report["address"] = demo.jaki_address(self.rng, scene, place)
        if "kelurahan_code" in report or told:
            report["kelurahan_code"] = place.code
        updated = parse_time(report["updated_at"])
        report["follow_ups"] = demo.jaki_follow_ups(self.rng, report, place, created, updated)
        return report

    def _same_problem(
        self, s: dict[str, Any], created: datetime, reporter: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        """Another report of what `s` says, at the same spot."""
        place = self.place[s["id"]]
        scene = self._scene(s, place)
        if scene["matter"] is None or self.facts[s["id"]].read().street is None:
            return None
        scene["no"] = max(1, scene["no"] + self.rng.randint(-3, 3))
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=demo.point_near(self.rng, s["lat"], s["lon"], CLUSTER_RADIUS_M),
            reporter=reporter,
            template=scene["matter"],
            told=False,
        )

    def _own_other_matter(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """`s`'s reporter about another matter: another category or another document."""
        rng, place = self.rng, self.place[s["id"]]
        reporter = dict(s["reporter"])
        if "phone" in reporter:
            reporter["phone"] = demo.format_phone(rng, national(reporter["phone"]))
        scene, template = self._scene(s, place), None
        known = self.facts[s["id"]].read()
        point = demo.point_near(rng, s["lat"], s["lon"], 30)
        if (
            s["category"] == CIVIL_REGISTRY
            and known.template in DOC_TEMPLATES
            and known.doc
            and rng.random() < 0.5
        ):
            category, template = CIVIL_REGISTRY, rng.choice(DOC_TEMPLATES)
            scene["doc"] = rng.choice([d for d in scenes.DOCS if d != known.doc])
        else:
            about_person = rng.random() < 0.7
            pool = [
                c
                for c in demo.CATEGORIES
                if code_of(c) not in (code_of(s["category"]), "lainnya")
                and (c in demo.PERSON_CATEGORIES) == about_person
            ]
            category = rng.choices(pool, [demo.CATEGORIES[c][2] for c in pool])[0]
            if not about_person:
                scene = scenes.new_scene(
                    rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5]
                )
                point = demo.point_near(rng, place.lat, place.lon, 600)
        return self._report(
            created=created,
            place=place,
            category=category,
            scene=scene,
            point=point,
            reporter=reporter,
            template=template,
            told=told,
        )

    def _other_problem_here(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """Another kind of place problem on `s`'s street and RT, within 100 m."""
        rng, place = self.rng, self.place[s["id"]]
        category = rng.choice(
            [c for c in PLACE_CATEGORIES if code_of(c) not in (code_of(s["category"]), "lainnya")]
        )
        same_person = s["reporter"] is not None and rng.random() < 0.2
        return self._report(
            created=created,
            place=place,
            category=category,
            scene=self._scene(s, place),
            point=self._ring(s["lat"], s["lon"], 15, 100),
            reporter=dict(s["reporter"]) if same_person else self._reporter_or_none(),
            template=None,
            told=told,
        )

    def _other_spot(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """The same kind of problem far along the same street, or on another street nearby."""
        rng, place = self.rng, self.place[s["id"]]
        scene = self._scene(s, place)
        if rng.random() < 0.7:
            point = self._ring(s["lat"], s["lon"], *OTHER_SPOT_M)
        else:
            streets = scenes.STREETS_BY_KOTA.get(place.code[:5], ()) + scenes.GENERIC_STREETS
            scene["street"] = rng.choice([st for st in streets if st != scene["street"]])
            point = self._ring(s["lat"], s["lon"], *OTHER_STREET_M)
        old_no, old_rt, old_lm = scene["no"], scene["rt"], scene["lm"]
        scene.update(
            no=rng.choice([no for no in range(1, 151) if no != old_no]),
            rt=rng.choice([rt for rt in range(1, 16) if rt != old_rt]),
            rw=rng.randint(1, 12),
            lm=rng.choice([lm for lm in range(len(scenes.LANDMARKS)) if lm != old_lm]),
            gang=rng.choice(scenes.GANGS),
            in_gang=rng.random() < 0.45,
        )
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=point,
            reporter=self._reporter_or_none(),
            template=scene["matter"],
            told=told,
        )

    def _other_kecamatan(
        self, s: dict[str, Any], created: datetime, told: bool
    ) -> dict[str, Any] | None:
        """The same kind of problem on a street of the same name in another kecamatan."""
        rng, place = self.rng, self.place[s["id"]]
        known = self._scene(s, place)
        local = known["street"] in scenes.STREETS_BY_KOTA.get(place.code[:5], ())
        here = metres(s["lat"], s["lon"])
        options = [
            k
            for k in self.kelurahan.values()
            if k.code[:8] != place.code[:8]
            and (not local or k.code[:5] == place.code[:5])
            and distance(metres(k.lat, k.lon), here) >= OTHER_KECAMATAN_M + 800
        ]
        if not options:
            return None
        there = rng.choice(options)
        scene = scenes.new_scene(rng, kel=there.name, kec=there.kecamatan, kota_code=there.code[:5])
        scene.update(street=known["street"], lm=known["lm"], kali=known["kali"])
        return self._report(
            created=created,
            place=there,
            category=s["category"],
            scene=scene,
            point=demo.point_near(rng, there.lat, there.lon, 600),
            reporter=self._reporter_or_none(),
            template=known["matter"],
            told=told,
        )

    def _neighbour(self, s: dict[str, Any], created: datetime, told: bool) -> dict[str, Any] | None:
        """Another person of `s`'s RW with the same bansos complaint, in nearly the same words."""
        rng, place = self.rng, self.place[s["id"]]
        scene = self._scene(s, place)
        if scene["matter"] is None:
            return None
        scene["no"] = rng.randint(1, 150)
        if rng.random() < 0.5:
            scene["rt"] = rng.randint(1, 15)
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=self._ring(s["lat"], s["lon"], 10, 100),
            reporter=self._stranger(avoid=s["reporter"]["name"]),
            template=scene["matter"],
            told=told,
        )

    def _namesake(self, s: dict[str, Any], created: datetime, told: bool) -> dict[str, Any] | None:
        """Another person of the same kelurahan with the name of `s`'s reporter."""
        rng, place = self.rng, self.place[s["id"]]
        scene = scenes.new_scene(rng, kel=place.name, kec=place.kecamatan, kota_code=place.code[:5])
        template = self.facts[s["id"]].read().template if rng.random() < 0.5 else None
        return self._report(
            created=created,
            place=place,
            category=s["category"],
            scene=scene,
            point=demo.point_near(rng, place.lat, place.lon, 600),
            reporter={**self._stranger(), "name": s["reporter"]["name"]},
            template=template,
            told=told,
        )
