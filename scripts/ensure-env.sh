#!/usr/bin/env bash
# Makes sure what the test suite talks to is here and running: Debian packages (PHP with composer/semver for the
# differential tests, Composer for the solver tests, Chromium for the HTML report tests) and the local MariaDB and
# PostgreSQL servers.
# Safe to run again: it only installs or starts what is missing. Set MAGEUP_SKIP_ENV=1 to skip.
set -u
[ "${MAGEUP_SKIP_ENV:-0}" = "1" ] && exit 0

log() { printf 'ensure-env: %s\n' "$*" >&2; }

need=()
command -v php >/dev/null 2>&1 || need+=(php-cli)
command -v composer >/dev/null 2>&1 || need+=(composer)
[ -f /usr/share/php/Composer/Semver/Semver.php ] || need+=(php-composer-semver)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v mariadb >/dev/null 2>&1 || command -v mysql >/dev/null 2>&1 || need+=(mariadb-client)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || log "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || log "apt-get install ${need[*]} failed"
  else
    log "missing ${need[*]}: install them with your package manager (tests that need them will fail)"
  fi
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done
  return 1
}

if ! port_open 3306; then
  log "starting MariaDB"
  if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd >/dev/null 2>&1 ||
      (service mariadb start >/dev/null 2>&1 || true)
  else
    service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
  fi
  wait_port 3306 || log "MariaDB did not come up on 127.0.0.1:3306"
fi

if ! port_open 5432; then
  log "starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >/dev/null 2>&1 || true
  else
    service postgresql start >/dev/null 2>&1 || true
  fi
  wait_port 5432 || log "PostgreSQL did not come up on 127.0.0.1:5432"
fi
exit 0
