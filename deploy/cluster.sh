#!/usr/bin/env bash
# Several servers, one database, on this machine (issue 14 §2): PostgreSQL (must be running on
# PG_HOST:PG_PORT), two gunicorn app servers on 127.0.0.1:8101 and :8102 behind nginx on
# 127.0.0.1:8100 (round robin; nginx is installed with apt when missing), two background-job
# workers, sessions and cache in the database (valid on both servers). Then a bounded load run
# (bench/load.py: LOAD_USERS signed-in users for LOAD_SECONDS, at most 300 s) whose p95, error
# count and spread over the servers are printed and written to bench/README.md. Everything is
# stopped at the end (or on Ctrl+C). CLUSTER_JOBS (20) background jobs are queued before the load
# and checked after it: each run exactly once (bench/cluster_jobs.py). The database CLUSTER_DB (vinhdanh_cluster) is recreated.
#
#   deploy/cluster.sh                     # 20 users, 60 s
#   LOAD_USERS=50 LOAD_SECONDS=300 deploy/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
RUN=${CLUSTER_RUN_DIR:-var/cluster}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
DB=${CLUSTER_DB:-vinhdanh_cluster}
FRONT=${CLUSTER_PORT:-8100}
APPS=(8101 8102)
LOAD_USERS=${LOAD_USERS:-20}
LOAD_SECONDS=${LOAD_SECONDS:-60}

SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || [ ! -x /usr/sbin/nginx ] || NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  echo "Cài nginx (apt)…"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nginx-light >/dev/null \
    || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nginx >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi
# The distribution's own nginx service is not needed (and would hold port 80).
$SUDO systemctl stop nginx 2>/dev/null || true

pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || { echo "PostgreSQL không chạy tại $PG_HOST:$PG_PORT (make postgres-up)." >&2; exit 1; }
dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists --force "$DB"
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB"

rm -rf "$RUN" && mkdir -p "$RUN/tmp" "$RUN/files"
RUN=$(cd "$RUN" && pwd)
export DATABASE_URL="postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB"
export DEBUG=0 DEMO=1 ALLOWED_HOSTS=127.0.0.1,localhost
export SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')
export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 SECURE_PROXY_SSL_HEADER=0
export STATIC_ROOT="$RUN/static" MEDIA_ROOT="$RUN/files" CONN_MAX_AGE=60
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} LOG_REQUESTS=1

echo "Chuẩn bị cơ sở dữ liệu $DB (migrate, dữ liệu mẫu)…"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py demo_data >"$RUN/demo_data.log" 2>&1

pids=()
nginx_started=""
cleanup() {
  [ -n "$nginx_started" ] && "$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "${APPS[@]}"; do
  HOST=127.0.0.1 PORT=$port "$PY" -m gunicorn -c deploy/gunicorn.conf.py >"$RUN/app-$port.log" 2>&1 &
  pids+=($!)
done
for i in 1 2; do
  "$PY" manage.py db_worker --interval 1 >"$RUN/worker-$i.log" 2>&1 &
  pids+=($!)
done

user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$RUN/nginx.conf" <<CONF
$user_line
daemon off;
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $RUN/nginx-access.log;
  client_body_temp_path $RUN/tmp/body;
  proxy_temp_path $RUN/tmp/proxy;
  fastcgi_temp_path $RUN/tmp/fastcgi;
  uwsgi_temp_path $RUN/tmp/uwsgi;
  scgi_temp_path $RUN/tmp/scgi;
  upstream vinhdanh {
    server 127.0.0.1:${APPS[0]};
    server 127.0.0.1:${APPS[1]};
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$FRONT;
    client_max_body_size 45m;
    location / {
      proxy_pass http://vinhdanh;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Request-ID \$request_id;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
CONF
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" &
pids+=($!)
nginx_started=1

for port in "${APPS[@]}" "$FRONT"; do
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "Máy chủ $port không sẵn sàng; xem $RUN/*.log" >&2; exit 1; }
done
echo "nginx 127.0.0.1:$FRONT → 127.0.0.1:${APPS[0]}, 127.0.0.1:${APPS[1]}; 2 worker; chạy tải $LOAD_USERS người dùng × ${LOAD_SECONDS}s…"

JOBS=${CLUSTER_JOBS:-20}
"$PY" bench/cluster_jobs.py enqueue "$JOBS" >/dev/null
"$PY" bench/load.py --base "http://127.0.0.1:$FRONT" --users "$LOAD_USERS" --seconds "$LOAD_SECONDS" | tee "$RUN/load.json"
"$PY" bench/cluster_jobs.py check | tee "$RUN/jobs.json"
RUN="$RUN" DB="$DB" NGINX="$NGINX" "$PY" - <<'PY'
import datetime as dt, json, os, platform, re, subprocess
from pathlib import Path
r = json.loads(Path(os.environ["RUN"], "load.json").read_text())
j = json.loads(Path(os.environ["RUN"], "jobs.json").read_text())
readme = Path("bench/README.md")
start, end = "<!-- cluster:start -->", "<!-- cluster:end -->"
cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "")
pg = subprocess.run(["psql", "-Atc", "SHOW server_version", os.environ["DATABASE_URL"]], capture_output=True, text=True).stdout.strip()
nginx = subprocess.run([os.environ.get("NGINX", "nginx"), "-v"], capture_output=True, text=True).stderr.strip()
block = f"""{start}
Last run {dt.datetime.now(dt.UTC):%d/%m/%Y %H:%M} UTC by `deploy/cluster.sh` on {os.cpu_count()} vCPU {cpu},
PostgreSQL {pg}, {nginx}, Python {platform.python_version()}; demo data; 2 gunicorn servers ×
{os.environ.get("WEB_CONCURRENCY")} workers behind nginx (round robin), 2 db_worker processes.

| users | seconds | requests | req/s | errors | p50 | p95 | p99 | per server | sessions valid on both servers |
|---|---|---|---|---|---|---|---|---|---|
| {r["users"]} | {r["seconds"]} | {r["requests"]} | {r["requests_per_second"]} | {r["errors"]} | {r["p50_ms"]} ms | {r["p95_ms"]} ms | {r["p99_ms"]} ms | {", ".join(f"{k}: {v}" for k, v in sorted(r["upstreams"].items()))} | {"yes" if r["sessions_across_servers"] else "NO"} |

Errors by kind: {json.dumps(r["error_kinds"], ensure_ascii=False) if r["error_kinds"] else "none"}.
Background jobs queued before the load (candidate-list runs): {j["jobs"]} jobs, {j["succeeded"]}
succeeded, {j["failed"]} failed, {j["unfinished"]} unfinished, {j["claimed_more_than_once"]} claimed
more than once, {j["distinct_workers"]} distinct workers, {j["runs_done_with_file"]} lists written.
{end}"""
text = readme.read_text()
if start in text:
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: block, text, flags=re.S)
else:
    text += "\n## Several servers behind nginx (`deploy/cluster.sh`, issue 14 §2)\n\n" + block + "\n"
readme.write_text(text)
print("Đã ghi kết quả vào bench/README.md")
PY
