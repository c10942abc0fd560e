# SPDX-License-Identifier: Apache-2.0
"""The documentation's Python runs as written: docs/python.md's example and the README's
one-liner (issue 18, "Done when")."""

import os
import re
import shlex
import subprocess
import sys



def test_docs_example_runs_verbatim(root, monkeypatch, capsys):
    text = (root / "docs" / "python.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "docs/python.md has no python block"
    monkeypatch.chdir(root)  # the example's paths are from the top of the source tree
    for block in blocks:
        exec(compile(block, str(root / "docs" / "python.md"), "exec"), {"__name__": "__doc__"})
    out = capsys.readouterr().out
    assert "(400, 37)" in out  # 40 s at 0.1 s
    assert "subject.age" in out


def test_readme_one_liner(root):
    readme = (root / "README.md").read_text()
    line = next((l.strip() for l in readme.splitlines()
                 if l.strip().startswith('python3 -c "import knead')), None)
    assert line, "README.md has no python3 -c \"import knead ...\" line"
    argv = shlex.split(line)
    argv[0] = sys.executable
    # the README's instructions: PYTHONPATH=$PWD/python from the top of the tree
    env = dict(os.environ, PYTHONPATH=str(root / "python"))
    out = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert re.fullmatch(r"\(\d+, \d+\)\n", out.stdout), out.stdout
