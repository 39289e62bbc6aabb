#!/usr/bin/env bash
# Runs PostgreSQL 15 and RabbitMQ 3.10 from the machine's Debian packages, without Docker and without touching
# anything shared: every path lives inside <statedir>, every port is picked free at start, Erlang gets a private epmd.
#
#   servers.sh start <statedir> [--test]   start both, wait until ready, write <statedir>/env
#   servers.sh stop  <statedir>            stop exactly the processes start recorded (idempotent); PostgreSQL by its
#                                          data directory, so one restarted by hand (another pid) is stopped too
#   servers.sh pg-stop <statedir> [--immediate]   stop only PostgreSQL (fault tests: -m immediate, a crash)
#   servers.sh pg-start <statedir>         start PostgreSQL again on its recorded port and options
#   servers.sh rabbit-kill <statedir>      kill -9 the RabbitMQ node (fault tests: a crash), then its epmd
#   servers.sh rabbit-start <statedir>     start RabbitMQ again on its recorded ports (durable queues and messages kept)
#   servers.sh free-ports <n> [exclude..]  print n free loopback TCP ports (below 32768)
#   servers.sh port-free <port>            exit 0 if <port> is free on 127.0.0.1
#
# <statedir>/env holds `export` lines: STATIONERY_PG_PORT, STATIONERY_RABBIT_PORT, STATIONERY_RABBIT_MGMT_PORT,
# STATIONERY_POSTGRES, STATIONERY_RABBITMQ, STATIONERY_RABBITMQ_MANAGEMENT (and STATIONERY_SERVERS_DIR).
# <statedir>/pids/*.pid records postgres (postmaster), rabbitmq (beam), rabbitmq-wrapper (its sh), epmd.
# --test adds fsync=off, synchronous_commit=off, full_page_writes=off (command line only, never written to the
# data directory's config), so a persistent data directory never inherits them.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
RABBIT_SBIN=/usr/lib/rabbitmq/lib/rabbitmq_server-3.10.8/sbin
PORT_MIN=10000
PORT_MAX=32767

log() { printf '[servers] %s\n' "$*" >&2; }
die() { printf '[servers] error: %s\n' "$*" >&2; exit 1; }

python_bin() {
    if [[ -x /usr/bin/python3 ]]; then echo /usr/bin/python3; else command -v python3 || die "python3 is needed to pick free ports"; fi
}

# free_ports N [exclude...]: N distinct ports in [PORT_MIN, PORT_MAX] that can be bound on 127.0.0.1 and 0.0.0.0 now.
free_ports() {
    "$(python_bin)" - "$PORT_MIN" "$PORT_MAX" "$@" <<'PY'
import random, socket, sys
lo, hi, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
exclude = {int(x) for x in sys.argv[4:]}
rng = random.SystemRandom()
got = []
for _ in range(5000):
    if len(got) == n:
        break
    p = rng.randint(lo, hi)
    if p in exclude or p in got:
        continue
    ok = True
    for addr in ("127.0.0.1", "0.0.0.0"):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind((addr, p))
        except OSError:
            ok = False
        finally:
            s.close()
        if not ok:
            break
    if ok:
        got.append(p)
if len(got) != n:
    sys.exit("could not find enough free ports")
print(" ".join(map(str, got)))
PY
}

# ---------------------------------------------------------------------------------------------------------------
# packages

ensure_packages() {
    # apt-install.sh serialises our apt calls (./stationery test installs Chromium at the same time) and waits out others'.
    "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/apt-install.sh" "$@" || die "apt-get install $* failed"
}

# ---------------------------------------------------------------------------------------------------------------
# pid bookkeeping: a recorded pid is only acted on while its environment still carries our statedir marker,
# so a pid reused by an unrelated process is never signalled.

pid_alive_ours() { # pid
    local pid=$1
    [[ -n "$pid" && "$pid" =~ ^[0-9]+$ && -r /proc/$pid/environ ]] || return 1
    local environ
    environ=$({ tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null) || return 1
    [[ $'\n'"$environ"$'\n' == *$'\n'"STATIONERY_SERVERS_STATEDIR=$STATEDIR"$'\n'* ]]
}

read_pid() { # name
    local f="$STATEDIR/pids/$1.pid"
    [[ -f "$f" ]] && head -n1 "$f" | tr -dc '0-9' || true
}

wait_gone() { # pid seconds
    local pid=$1 deadline=$((SECONDS + $2))
    while pid_alive_ours "$pid"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

terminate() { # name pid [seconds]
    local name=$1 pid=$2 secs=${3:-15}
    pid_alive_ours "$pid" || return 0
    log "sending TERM to $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" "$secs"; then
        log "$name (pid $pid) still running: KILL"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone "$pid" 5 || true
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# RabbitMQ environment (shared by the server, rabbitmqctl and stop)

rabbit_env() {
    local r="$STATEDIR/rabbitmq"
    export STATIONERY_SERVERS_STATEDIR="$STATEDIR"
    export HOME="$r/home"
    export RABBITMQ_NODENAME
    RABBITMQ_NODENAME="$(cat "$r/nodename")"
    export RABBITMQ_DIST_PORT="$DIST_PORT"
    export RABBITMQ_MNESIA_BASE="$r/mnesia"
    export RABBITMQ_LOG_BASE="$r/log"
    export RABBITMQ_PID_FILE="$STATEDIR/pids/rabbitmq.pid"
    export RABBITMQ_CONFIG_FILE="$r/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$r/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$r/enabled_plugins"
    export RABBITMQ_CONF_ENV_FILE="$r/rabbitmq-env.conf"
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export ERL_EPMD_PORT="$EPMD_PORT"
    unset RABBITMQ_USE_LONGNAME
}

rabbitmqctl_() { "$RABBIT_SBIN/rabbitmqctl" "$@"; }

load_ports() {
    [[ -f "$STATEDIR/ports" ]] || return 1
    # shellcheck disable=SC1091
    source "$STATEDIR/ports"
}

# ---------------------------------------------------------------------------------------------------------------
# start

start_postgres() { # test_mode
    local test_mode=$1 pg="$STATEDIR/pg" attempt
    mkdir -p "$pg/data" "$pg/run"
    chown postgres:postgres "$pg" "$pg/data" "$pg/run"
    chmod 700 "$pg/data"
    chmod 755 "$pg" "$pg/run"
    runuser -u postgres -- test -x "$pg/run" \
        || die "user postgres cannot enter $pg; every parent directory of the statedir must be world-executable (chmod o+x)"

    if [[ ! -f "$pg/data/PG_VERSION" ]]; then
        log "initdb $pg/data"
        runuser -u postgres -- "$PG_BIN/initdb" -D "$pg/data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 \
            >"$STATEDIR/logs/initdb.log" 2>&1 || { cat "$STATEDIR/logs/initdb.log" >&2; die "initdb failed"; }
    fi

    local opts=(-c listen_addresses=127.0.0.1 -c "unix_socket_directories=$pg/run" -c max_connections=1000)
    echo "$test_mode" >"$STATEDIR/pg-test-mode"
    if [[ "$test_mode" == 1 ]]; then
        opts+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    fi

    touch "$STATEDIR/logs/postgres.log"
    chown postgres:postgres "$STATEDIR/logs/postgres.log"
    for attempt in 1 2 3; do
        # shellcheck disable=SC2086
        if runuser -u postgres -- env STATIONERY_SERVERS_STATEDIR="$STATEDIR" \
            "$PG_BIN/pg_ctl" -D "$pg/data" -l "$STATEDIR/logs/postgres.log" -w -t 60 \
            -o "-c port=$PG_PORT ${opts[*]}" start >/dev/null 9>&-; then
            break
        fi
        ((attempt < 3)) || { tail -n 20 "$STATEDIR/logs/postgres.log" >&2; die "PostgreSQL did not start"; }
        log "PostgreSQL failed to start on port $PG_PORT; retrying on another port"
        PG_PORT=$(free_ports 1 "$RABBIT_PORT" "$MGMT_PORT" "$DIST_PORT" "$EPMD_PORT")
    done
    head -n1 "$pg/data/postmaster.pid" >"$STATEDIR/pids/postgres.pid"

    local i
    for i in $(seq 1 100); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
        ((i < 100)) || die "pg_isready never succeeded"
        sleep 0.1
    done
    local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
    if [[ "$("${psql[@]}" -tAc "select 1 from pg_database where datname = 'stationery'")" != 1 ]]; then
        "${psql[@]}" -c "create database stationery"
    fi
    "${psql[@]}" -c "alter user postgres password 'postgres'"
}

start_rabbitmq() {
    local r="$STATEDIR/rabbitmq" attempt
    mkdir -p "$r/home" "$r/mnesia" "$r/log"
    chmod 700 "$r/home"
    if [[ ! -f "$r/nodename" ]]; then
        echo "stationery-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')@localhost" >"$r/nodename"
    fi
    if [[ ! -f "$r/home/.erlang.cookie" ]]; then
        (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$r/home/.erlang.cookie")
        chmod 400 "$r/home/.erlang.cookie"
    fi
    : >"$r/rabbitmq-env.conf"
    # shovel: ./stationery requeue moves a _error queue's messages back with a dynamic shovel.
    echo '[rabbitmq_management,rabbitmq_shovel].' >"$r/enabled_plugins"

    for attempt in 1 2; do
        cat >"$r/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
        write_ports
        (
            rabbit_env
            rm -f "$RABBITMQ_PID_FILE"
            # epmd in the foreground (no -daemon) so its pid is ours to record and stop.
            setsid epmd -address 127.0.0.1 -port "$EPMD_PORT" </dev/null >"$STATEDIR/logs/epmd.log" 2>&1 9>&- &
            echo $! >"$STATEDIR/pids/epmd.pid"
            local i
            for i in $(seq 1 50); do
                (exec 3<>"/dev/tcp/127.0.0.1/$EPMD_PORT") 2>/dev/null && break
                sleep 0.1
            done
            # In its own directory: a node killed mid-write leaves MnesiaCore/erl_crash dumps in its working directory.
            cd "$r"
            setsid nohup "$RABBIT_SBIN/rabbitmq-server" </dev/null >"$STATEDIR/logs/rabbitmq-server.log" 2>&1 9>&- &
            echo $! >"$STATEDIR/pids/rabbitmq-wrapper.pid"
        )
        local i beam=""
        for i in $(seq 1 300); do
            beam=$(read_pid rabbitmq)
            [[ -n "$beam" ]] && break
            pid_alive_ours "$(read_pid rabbitmq-wrapper)" || break
            sleep 0.1
        done
        if [[ -n "$beam" ]] && (rabbit_env; rabbitmqctl_ -q wait --pid "$beam" --timeout 90 >"$STATEDIR/logs/rabbitmqctl-wait.log" 2>&1); then
            break
        fi
        tail -n 30 "$STATEDIR/logs/rabbitmq-server.log" "$STATEDIR/logs/rabbitmqctl-wait.log" >&2 2>/dev/null || true
        stop_rabbitmq
        ((attempt < 2)) || die "RabbitMQ did not start (logs in $STATEDIR/logs and $r/log)"
        log "RabbitMQ failed to start; retrying on other ports"
        read -r RABBIT_PORT MGMT_PORT DIST_PORT EPMD_PORT < <(free_ports 4 "$PG_PORT")
    done

    # The management listener comes up with the plugin; wait for the API (bounded).
    local i code
    for i in $(seq 1 300); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://guest:guest@127.0.0.1:$MGMT_PORT/api/overview" || true)
        [[ "$code" == 200 ]] && return 0
        sleep 0.1
    done
    die "RabbitMQ management API on port $MGMT_PORT did not answer"
}

write_ports() {
    cat >"$STATEDIR/ports" <<EOF
PG_PORT=$PG_PORT
RABBIT_PORT=$RABBIT_PORT
MGMT_PORT=$MGMT_PORT
DIST_PORT=$DIST_PORT
EPMD_PORT=$EPMD_PORT
EOF
}

write_env() {
    local tmp="$STATEDIR/env.tmp"
    cat >"$tmp" <<EOF
export STATIONERY_SERVERS_DIR='$STATEDIR'
export STATIONERY_PG_PORT=$PG_PORT
export STATIONERY_RABBIT_PORT=$RABBIT_PORT
export STATIONERY_RABBIT_MGMT_PORT=$MGMT_PORT
export STATIONERY_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=stationery'
export STATIONERY_RABBITMQ='amqp://guest:guest@127.0.0.1:$RABBIT_PORT/'
export STATIONERY_RABBITMQ_MANAGEMENT='http://guest:guest@127.0.0.1:$MGMT_PORT/'
EOF
    mv "$tmp" "$STATEDIR/env"
    # For humans: `source <statedir>/rabbitmq/cli.env` then $RABBITMQCTL status
    (
        rabbit_env
        {
            for v in HOME RABBITMQ_NODENAME RABBITMQ_DIST_PORT RABBITMQ_MNESIA_BASE RABBITMQ_LOG_BASE RABBITMQ_PID_FILE \
                RABBITMQ_CONFIG_FILE RABBITMQ_ADVANCED_CONFIG_FILE RABBITMQ_ENABLED_PLUGINS_FILE RABBITMQ_CONF_ENV_FILE \
                RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS ERL_EPMD_ADDRESS ERL_EPMD_PORT; do
                printf 'export %s=%q\n' "$v" "${!v}"
            done
            printf 'RABBITMQCTL=%q\n' "$RABBIT_SBIN/rabbitmqctl"
        } >"$STATEDIR/rabbitmq/cli.env"
    )
}

any_running() {
    local n
    for n in postgres rabbitmq rabbitmq-wrapper epmd; do
        pid_alive_ours "$(read_pid "$n")" && return 0
    done
    postgres_running
}

cmd_start() {
    local test_mode=0
    [[ "${1:-}" == --test ]] && test_mode=1
    local t0=$SECONDS
    [[ $EUID -eq 0 ]] || die "run as root (PostgreSQL is run as user postgres through runuser; RabbitMQ as root)"

    mkdir -p "$STATEDIR"
    chmod 755 "$STATEDIR"
    exec 9>"$STATEDIR/.lock"
    flock -w 120 9 || die "another start/stop holds $STATEDIR/.lock"

    if any_running; then
        log "servers recorded in $STATEDIR are still running: stopping them first"
        stop_all
    fi
    rm -f "$STATEDIR/env"

    ensure_packages postgresql rabbitmq-server curl
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 not found in $PG_BIN"
    [[ -x "$RABBIT_SBIN/rabbitmq-server" ]] || die "RabbitMQ 3.10.8 not found in $RABBIT_SBIN"
    command -v epmd >/dev/null || die "epmd not found (erlang-base)"

    mkdir -p "$STATEDIR/pids" "$STATEDIR/logs"
    chmod 755 "$STATEDIR/logs"
    read -r PG_PORT RABBIT_PORT MGMT_PORT DIST_PORT EPMD_PORT < <(free_ports 5)
    write_ports

    trap 'rc=$?; if ((rc != 0)); then log "start failed: stopping what was started"; stop_all; fi' EXIT
    start_postgres "$test_mode"
    log "PostgreSQL ready on 127.0.0.1:$PG_PORT ($((SECONDS - t0)) s)"
    start_rabbitmq
    trap - EXIT
    write_ports
    write_env
    log "RabbitMQ ready on 127.0.0.1:$RABBIT_PORT, management on $MGMT_PORT ($((SECONDS - t0)) s)"
    log "environment: $STATEDIR/env"
}

# ---------------------------------------------------------------------------------------------------------------
# stop

stop_rabbitmq() {
    local beam wrapper epmd
    beam=$(read_pid rabbitmq)
    wrapper=$(read_pid rabbitmq-wrapper)
    epmd=$(read_pid epmd)
    if load_ports && [[ -f "$STATEDIR/rabbitmq/nodename" ]]; then
        if pid_alive_ours "$beam"; then
            log "rabbitmqctl shutdown (pid $beam)"
            (rabbit_env; timeout 60 "$RABBIT_SBIN/rabbitmqctl" -q shutdown >/dev/null 2>&1) || true
        fi
        terminate rabbitmq "$beam" 15
        terminate rabbitmq-wrapper "$wrapper" 5
        if pid_alive_ours "$epmd"; then
            # Only ever with the private port set: never the machine's shared epmd.
            (export ERL_EPMD_PORT="$EPMD_PORT"; [[ -n "$ERL_EPMD_PORT" ]] && timeout 10 epmd -kill >/dev/null 2>&1) || true
            wait_gone "$epmd" 2 || true
        fi
    fi
    terminate rabbitmq "$beam" 15
    terminate rabbitmq-wrapper "$wrapper" 5
    terminate epmd "$epmd" 5
    rm -f "$STATEDIR/pids/rabbitmq.pid" "$STATEDIR/pids/rabbitmq-wrapper.pid" "$STATEDIR/pids/epmd.pid"
}

# The postmaster is found by its data directory (postmaster.pid), not only by the pid start recorded: a PostgreSQL
# restarted by hand or by the fault suite has another pid, and leaving it running made the next start fail with
# "lock file postmaster.pid already exists". pg_ctl -D acts on that data directory's server only.
postgres_running() {
    [[ -f "$STATEDIR/pg/data/PG_VERSION" ]] || return 1
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATEDIR/pg/data" status >/dev/null 2>&1
}

stop_postgres() { # [mode]
    local mode=${1:-fast} pid data="$STATEDIR/pg/data"
    pid=$(read_pid postgres)
    if postgres_running; then
        log "pg_ctl stop -m $mode ($data)"
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m "$mode" -w -t 30 stop >/dev/null 2>&1 || true
    fi
    terminate postgres "$pid" 15
    rm -f "$STATEDIR/pids/postgres.pid"
}

stop_all() {
    stop_rabbitmq
    stop_postgres
    rm -f "$STATEDIR/env"
}

cmd_stop() {
    [[ -d "$STATEDIR" ]] || return 0
    local t0=$SECONDS
    # The lock makes a stop that races a start wait for it, then stop what it started.
    exec 9>"$STATEDIR/.lock"
    flock -w 180 9 || log "warning: $STATEDIR/.lock is held; stopping anyway"
    stop_all
    log "stopped ($((SECONDS - t0)) s)"
}

# ---------------------------------------------------------------------------------------------------------------

usage() {
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

main() {
    local cmd=${1:-}
    case "$cmd" in
        start | stop)
            [[ -n "${2:-}" ]] || usage
            [[ "$cmd" == start ]] && mkdir -p "$2"
            STATEDIR=$(cd "$2" 2>/dev/null && pwd -P) || { [[ "$cmd" == stop ]] && exit 0; die "cannot use $2"; }
            # Every process this script forks must carry the marker in its initial environment (a forked shell's
            # /proc/PID/environ is the one it was exec'd with), so re-exec once with it set.
            if [[ "${STATIONERY_SERVERS_STATEDIR:-}" != "$STATEDIR" ]]; then
                exec env STATIONERY_SERVERS_STATEDIR="$STATEDIR" bash "$0" "$cmd" "$STATEDIR" "${@:3}"
            fi
            PG_PORT="" RABBIT_PORT="" MGMT_PORT="" DIST_PORT="" EPMD_PORT=""
            if [[ "$cmd" == start ]]; then cmd_start "${3:-}"; else cmd_stop; fi
            ;;
        pg-stop | pg-start | rabbit-kill | rabbit-start)
            [[ -n "${2:-}" ]] || usage
            STATEDIR=$(cd "$2" 2>/dev/null && pwd -P) || die "cannot use $2"
            if [[ "${STATIONERY_SERVERS_STATEDIR:-}" != "$STATEDIR" ]]; then
                exec env STATIONERY_SERVERS_STATEDIR="$STATEDIR" bash "$0" "$cmd" "$STATEDIR" "${@:3}"
            fi
            load_ports || die "$STATEDIR holds no servers (no ports file)"
            exec 9>"$STATEDIR/.lock"
            flock -w 120 9 || die "another start/stop holds $STATEDIR/.lock"
            if [[ "$cmd" == rabbit-kill ]]; then
                local beam
                beam=$(read_pid rabbitmq)
                pid_alive_ours "$beam" || die "RabbitMQ of $STATEDIR is not running"
                log "kill -9 RabbitMQ (pid $beam)"
                kill -KILL "$beam"
                wait_gone "$beam" 10 || die "RabbitMQ (pid $beam) survived kill -9"
                stop_rabbitmq
            elif [[ "$cmd" == rabbit-start ]]; then
                start_rabbitmq
                log "RabbitMQ ready on 127.0.0.1:$RABBIT_PORT"
            elif [[ "$cmd" == pg-stop ]]; then
                stop_postgres "$([[ "${3:-}" == --immediate ]] && echo immediate || echo fast)"
            else
                postgres_running && die "PostgreSQL of $STATEDIR is already running"
                start_postgres "$(cat "$STATEDIR/pg-test-mode" 2>/dev/null || echo 0)"
                log "PostgreSQL ready on 127.0.0.1:$PG_PORT"
            fi
            ;;
        free-ports)
            free_ports "${2:-1}" "${@:3}"
            ;;
        port-free) # exit 0 if the port can be bound on 127.0.0.1 and 0.0.0.0 now
            [[ "${2:-}" =~ ^[0-9]+$ ]] || usage
            "$(python_bin)" - "$2" <<'PY'
import socket, sys
p = int(sys.argv[1])
for addr in ("127.0.0.1", "0.0.0.0"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind((addr, p))
    except OSError:
        sys.exit(1)
    finally:
        s.close()
PY
            ;;
        *) usage ;;
    esac
}

main "$@"
