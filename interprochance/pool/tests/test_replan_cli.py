import io
import json
from dataclasses import replace
from decimal import Decimal

from interprochance.pool.optimizer.checker import check
from interprochance.pool.optimizer.cli import check_main, solve_main
from interprochance.pool.optimizer.exchange import instance_to_dict, solution_to_dict
from interprochance.pool.optimizer.replan import mark_absent, replan
from interprochance.pool.optimizer.types import Assistant

from .helpers import small_instance
from .test_checker import GOOD


def with_spare():
    inst = small_instance()
    spare = Assistant("A4", frozenset({"care"}), 10, Decimal("30.00"), ("S1",))
    return replace(inst, assistants=(*inst.assistants, spare))


def test_replan_changes_only_what_the_absence_forces():
    inst = with_spare()
    sol, changes = replan(inst, GOOD, absent="A2", day="mo", time_limit=10)
    assert sol.status == "optimal"
    assert [(c.child, c.day, c.slot, c.before, c.after) for c in changes] == [
        ("K3", "mo", 0, "A2", "A4")
    ]
    changed = mark_absent(inst, "A2", "mo")
    assert check(changed, sol).valid
    assert not any(x.assistant == "A2" and x.day == "mo" for x in sol.assignments)


def test_replan_infeasible_names_the_gap():
    inst = small_instance()  # no spare: K3 (1:1) on Monday slot 0 cannot be covered without A2
    sol, changes = replan(inst, GOOD, absent="A2", day="mo", time_limit=10)
    assert sol.status == "infeasible"
    assert [(u.child, u.day, u.slot) for u in sol.unmet] == [("K3", "mo", 0)]


def test_cli_solve_and_check(tmp_path):
    inst_path = tmp_path / "instance.json"
    inst_path.write_text(json.dumps(instance_to_dict(small_instance())))
    out_path = tmp_path / "solution.json"
    out = io.StringIO()
    assert solve_main(str(inst_path), str(out_path), 5, out) == 0
    assert "status optimal" in out.getvalue()
    out = io.StringIO()
    assert check_main(str(inst_path), str(out_path), out) == 0
    assert out.getvalue().startswith("valid")

    # break rule 4 and 2: exit 1 with the rules listed
    data = json.loads(out_path.read_text())
    data["assignments"].append({"assistant": "A2", "day": "tu", "slot": 0, "children": ["K1"]})
    out_path.write_text(json.dumps(data))
    out = io.StringIO()
    assert check_main(str(inst_path), str(out_path), out) == 1
    assert "rules broken: 1, 4" in out.getvalue()


def test_cli_bad_input(tmp_path):
    data = instance_to_dict(small_instance())
    data["children"][0]["school"] = "S9"
    data["assistants"][0]["max_slots_week"] = -2
    inst_path = tmp_path / "bad.json"
    inst_path.write_text(json.dumps(data))
    out = io.StringIO()
    assert solve_main(str(inst_path), str(tmp_path / "x.json"), 5, out) == 2
    text = out.getvalue()
    assert "unknown school 'S9'" in text and "must be at least 0" in text
    assert not (tmp_path / "x.json").exists()
    out = io.StringIO()
    assert check_main(str(tmp_path / "missing.json"), str(inst_path), out) == 2


def test_solution_of_infeasible_instance_is_written_with_reasons(tmp_path):
    inst = small_instance()
    kids = list(inst.children)
    kids[3] = replace(kids[3], needs=("mobility",))
    inst_path = tmp_path / "i.json"
    inst_path.write_text(json.dumps(instance_to_dict(replace(inst, children=tuple(kids)))))
    out = io.StringIO()
    assert solve_main(str(inst_path), str(tmp_path / "s.json"), 5, out) == 1
    sol = json.loads((tmp_path / "s.json").read_text())
    assert sol["status"] == "infeasible"
    assert (
        sol["unmet"][0]["child"] == "K4" and sol["unmet"][0]["reason"] == "no_qualified_assistant"
    )
    assert solution_to_dict  # imported for the format
