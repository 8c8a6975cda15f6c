"""The proxy benchmark measures the deployment the docs describe: deploy/nginx/kr-map.conf.

Nothing is benchmarked here: the benchmark's config is built, compared with the documented
file, and (where nginx is installed) checked by ``nginx -t``.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
from types import ModuleType

import pytest

from .conftest import ROOT

DOCUMENTED = (ROOT / "deploy" / "nginx" / "kr-map.conf").read_text()
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def bench_proxy(monkeypatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))  # the benchmarks import each other
    return importlib.import_module("bench_proxy")


def written_site(bench_proxy: ModuleType, tmp_path, balance: str) -> str:
    bench_proxy.write_config(tmp_path, 18080, [18501, 18502], balance)
    return (tmp_path / "kr-map.conf").read_text()


def test_the_benchmark_runs_the_documented_site_with_only_ports_and_paths_changed(
    bench_proxy, tmp_path
):
    site = written_site(bench_proxy, tmp_path, "hash")
    back = (
        site.replace("listen 127.0.0.1:18080;", "listen 80;")
        .replace("server 127.0.0.1:18501;", "server 127.0.0.1:8501;")
        .replace("server 127.0.0.1:18502;", "server 127.0.0.1:8502;")
        .replace(f"alias {tmp_path / 'kr-map.html'};", "alias /var/www/kr-map/kr-map.html;")
    )
    assert back == DOCUMENTED
    assert "proxy_set_header Host $http_host;" in site  # the port reaches Streamlit
    assert "Host $host;" not in site


def test_the_main_config_includes_the_site_and_logs_the_process_each_request_reached(
    bench_proxy, tmp_path
):
    conf = bench_proxy.write_config(tmp_path, 18080, [18501, 18502], "hash")
    main = conf.read_text()
    assert f"include {tmp_path}/kr-map.conf;" in main
    assert f"access_log {tmp_path}/access.log upstream;" in main
    assert "$upstream_addr" in main


def test_ip_hash_changes_only_the_balancing_line(bench_proxy, tmp_path):
    hashed = written_site(bench_proxy, tmp_path, "hash").splitlines()
    ip_hashed = written_site(bench_proxy, tmp_path, "ip_hash").splitlines()
    changed = [(a.strip(), b.strip()) for a, b in zip(hashed, ip_hashed, strict=True) if a != b]
    assert changed == [("hash $remote_addr consistent;", "ip_hash;")]


@pytest.mark.nginx
@pytest.mark.parametrize("balance", ["hash", "ip_hash"])
def test_nginx_accepts_the_benchmarks_config(bench_proxy, tmp_path, balance):
    if not os.path.exists(NGINX):
        pytest.fail("nginx is missing: apt-get install nginx-light (scripts/test.sh does it)")
    conf = bench_proxy.write_config(tmp_path, 18080, [18501, 18502], balance)
    checked = subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
