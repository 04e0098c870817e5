import json

import pytest
from django.core.management import call_command

from interprochance.pool.optimizer.exchange import instance_to_dict

from .factories import make_pool
from .helpers import small_instance


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command(*args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_pool_solve_and_pool_check(tmp_path):
    inst = tmp_path / "i.json"
    inst.write_text(json.dumps(instance_to_dict(small_instance())))
    sol = tmp_path / "s.json"
    code, out = run("pool_solve", str(inst), "--out", str(sol), "--time-limit", "5")
    assert code == 0 and "status optimal" in out and "lower bound" in out and "1:1 baseline" in out
    code, out = run("pool_check", str(inst), str(sol))
    assert code == 0 and out.startswith("valid")
    data = json.loads(sol.read_text())
    data["assignments"] = data["assignments"][1:]
    sol.write_text(json.dumps(data))
    code, out = run("pool_check", str(inst), str(sol))
    assert code == 1 and "rules broken: 1" in out


def test_pool_solve_bad_instance(tmp_path):
    data = instance_to_dict(small_instance())
    data["children"][0]["support"].append(["mo", 42])
    inst = tmp_path / "bad.json"
    inst.write_text(json.dumps(data))
    code, out = run("pool_solve", str(inst), "--out", str(tmp_path / "x.json"))
    assert code == 2 and "slot 42 is out of range" in out


@pytest.mark.django_db
def test_pool_export_instance(core_demo, tmp_path):
    pool = make_pool(core_demo.landkreis, core_demo.users["demo-schulassistenz"])
    out = tmp_path / "inst.json"
    code, text = run("pool_export_instance", str(pool.pk), "--out", str(out))
    assert code == 0 and "4 children" in text
    data = json.loads(out.read_text())
    assert data["format"] == "interprochance.pool.instance/1"
    assert "Becker" not in out.read_text()
