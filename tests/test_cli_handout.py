"""``python -m matchplan handout PLAN.json --out FILE.pdf|.html`` (issue 12, item 4)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from matchplan.cli import main
from tests.strategies import EXAMPLE_FILE, TODAY
from tests.test_cli import run_module


def named_plan(tmp_path: Path, name: str) -> Path:
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    profile = data.get("profile", data)
    profile["display_name"] = name
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def handout(*args: str) -> list[str]:
    return ["handout", *args, "--today", TODAY.isoformat()]


@pytest.mark.parametrize("page", ["A4", "Letter"])
def test_writes_a_one_page_pdf_with_the_name_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], page: str
) -> None:
    plan = named_plan(tmp_path, "Nguyễn Thị Minh Khai 张伟")
    out = tmp_path / "summary.pdf"
    assert main(handout(str(plan), "--out", str(out), "--page", page, "--identify")) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "For Nguyễn Thị Minh Khai 张伟." in text
    assert "Re-application plan: Internal Medicine, 2028 Match" in text
    expected = (595, 842) if page == "A4" else (612, 792)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == expected


def test_leaves_the_name_out_by_default(tmp_path: Path) -> None:
    plan = named_plan(tmp_path, "Priya Raman")
    out = tmp_path / "summary.html"
    assert main(handout(str(plan), "--out", str(out))) == 0
    page = out.read_text(encoding="utf-8")
    assert "Priya Raman" not in page
    assert "<h1>Re-application plan: Internal Medicine, 2028 Match</h1>" in page
    assert page.count('class="plotly-graph-div"') == 2


def test_a_batch_through_the_real_module(tmp_path: Path) -> None:
    for number in range(2):
        out = tmp_path / f"applicant-{number}.pdf"
        done = run_module(*handout(str(EXAMPLE_FILE), "--out", str(out)))
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF-")


def test_refuses_an_unknown_output_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(handout(str(EXAMPLE_FILE), "--out", str(tmp_path / "summary.docx")))
    assert exit_info.value.code == 2
    assert "--out must end in .pdf or .html" in capsys.readouterr().err
    assert not (tmp_path / "summary.docx").exists()


def test_a_bad_plan_is_an_error_line_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    out = tmp_path / "summary.pdf"
    assert main(handout(str(bad), "--out", str(out))) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert not out.exists()


def test_an_unwritable_destination_is_an_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-folder" / "summary.pdf"
    assert main(handout(str(EXAMPLE_FILE), "--out", str(out))) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write {out}")
    assert "Traceback" not in err
