"""The command line and the import contract."""

from __future__ import annotations

import json
import subprocess
import sys

from govie import __version__
from govie.cli import main

from .test_io import INVALID, VALID


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert __version__ in capsys.readouterr().out


def test_validate_accepts_and_rejects(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(VALID, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert "1 record(s) valid" in capsys.readouterr().out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(rec, ensure_ascii=False) + "\n" for _, rec, _ in INVALID if "id" in rec),
                   encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    for _, rec, code in INVALID:
        if "id" in rec and code not in ("E120",):
            assert code in err


def test_import_does_not_import_torch():
    code = "import sys, govie, govie.io, govie.rules; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
