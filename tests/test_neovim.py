"""Neovim's built-in LSP client, headless, attached to ``copylint server``: the diagnostics it
reads back are copylint's findings. Needs Debian's ``neovim`` (``.ci/run`` installs it)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed: apt-get install neovim")

LUA = r"""
local cmd = vim.fn.json_decode(vim.env.COPYLINT_NVIM_CMD)
local out = vim.env.COPYLINT_NVIM_OUT
local id = vim.lsp.start_client({ name = "copylint", cmd = cmd, root_dir = vim.fn.getcwd() })
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diags = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(diags, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                        severity = d.severity, source = d.source, message = d.message,
                        code = d.code or lsp.code })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, diagnostics = diags }) }, out)
vim.lsp.stop_client(id)
vim.wait(10000, function() return vim.lsp.client_is_stopped(id) end, 50)
vim.cmd("qa!")
"""


def test_neovim_reads_the_diagnostics(tmp_path):
    article = tmp_path / "story.md"
    line = "The the river burst its banks on Monday,after heavy rain."
    article.write_text(f"# Flood warning\n\n{line}\n", encoding="utf-8")
    script = tmp_path / "attach.lua"
    script.write_text(LUA, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = dict(os.environ, COPYLINT_NVIM_OUT=str(out), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "data"),
               COPYLINT_NVIM_CMD=json.dumps([sys.executable, "-m", "copylint.cli", "server"]))
    proc = subprocess.run([NVIM, "--headless", "--clean", "-n", str(article), "-c", f"luafile {script}"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert out.is_file(), (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["ok"], data
    found = {(d["code"], d["lnum"], d["col"]) for d in data["diagnostics"]}
    assert ("repeated-word", 2, 0) in found
    assert ("missing-space-after-punctuation", 2, line.index(",")) in found
    assert all(d["source"] == "copylint" for d in data["diagnostics"])
    warn = 2  # vim.diagnostic.severity.WARN
    assert {d["severity"] for d in data["diagnostics"] if d["code"] == "repeated-word"} == {warn}
