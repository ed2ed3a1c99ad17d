# A throwaway single-node Slurm cluster, for tests: sourced by tools/ci/slurm-test.sh.
#
#   cluster_start DIR   configures and starts, in DIR (which must exist), munged (its own key and
#                       socket), mariadbd and slurmdbd (accounting, so that sacct works), slurmctld
#                       and slurmd (this host as controller and compute node: up to 2 CPUs, the
#                       machine's real memory, select/cons_tres, no cgroups), then waits until
#                       sinfo shows the node idle. Exports SLURM_CONF. Needs root and Debian's
#                       slurm-wlm, slurmdbd, munge and mariadb-server.
#   cluster_stop        cancels the cluster's jobs, kills their processes (the pids slurmd
#                       tracks), then stops every daemon by the pid recorded when it started, in
#                       reverse order. Safe to call at any point of cluster_start, and twice.
#   cluster_logs        prints the end of every daemon log (for a failed test).
#
# The caller defines log and fail. Ports are picked at random among free ones, so the cluster
# does not clash with another Slurm on the machine.

cluster_pids=() # daemons started, in order
cluster_dir=""

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
  local limit=$1 end
  shift
  end=$(($(date +%s) + limit))
  until "$@"; do
    [ "$(date +%s)" -lt "$end" ] || return 1
    sleep 0.2
  done
}

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

cluster_check_tools() {
  local c
  export PATH="$PATH:/usr/sbin:/sbin"
  for c in munged mariadb-install-db mariadbd mariadb slurmdbd slurmctld slurmd sacctmgr sacct sbatch squeue \
    sinfo scontrol scancel; do
    command -v "$c" >/dev/null ||
      fail "$c not found: apt-get install -y --no-install-recommends slurm-wlm slurmdbd munge mariadb-server"
  done
}

cluster_start() {
  cluster_dir="$1"
  local d="$1"
  cluster_check_tools
  chmod 755 "$d" # munged wants the path of its socket searchable by all
  mkdir -p "$d/etc" "$d/log" "$d/state" "$d/spool" "$d/munge-run"
  mkdir -m 700 "$d/munge" "$d/db"
  export SLURM_CONF="$d/etc/slurm.conf"

  # munge: its own key and socket.
  dd if=/dev/urandom of="$d/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$d/munge/munge.key"
  local socket="$d/munge-run/munge.socket"
  munged --foreground --socket="$socket" --key-file="$d/munge/munge.key" --log-file="$d/log/munged.log" \
    --pid-file="$d/munge/munged.pid" --seed-file="$d/munge/munged.seed" >>"$d/log/munged.log" 2>&1 &
  cluster_pids+=($!)
  wait_for 10 test -S "$socket" || fail "munged did not create its socket"
  log "munged running (pid $!)"

  # Accounting: a MariaDB for slurmdbd.
  mariadb-install-db --no-defaults --datadir="$d/db/data" --user=root --auth-root-authentication-method=socket \
    --skip-test-db >"$d/log/mariadb-install.log" 2>&1 || fail "mariadb-install-db failed"
  local dbport dbdport
  dbport=$(free_port)
  mariadbd --no-defaults --datadir="$d/db/data" --socket="$d/db/mariadb.sock" --bind-address=127.0.0.1 \
    --port="$dbport" --skip-name-resolve --user=root --pid-file="$d/db/mariadb.pid" \
    --log-error="$d/log/mariadb.log" &
  cluster_pids+=($!)
  wait_for 60 mariadb --no-defaults --socket="$d/db/mariadb.sock" -u root -e "select 1" >/dev/null 2>&1 ||
    fail "mariadbd did not start"
  log "mariadbd running (pid $!)"
  mariadb --no-defaults --socket="$d/db/mariadb.sock" -u root \
    -e "create user 'slurm'@'127.0.0.1' identified by 'ci'; grant all on slurm_acct_db.* to 'slurm'@'127.0.0.1';"
  dbdport=$(free_port)
  cat >"$d/etc/slurmdbd.conf" <<EOF
AuthType=auth/munge
AuthInfo=socket=$socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$dbdport
SlurmUser=root
PidFile=$d/state/slurmdbd.pid
LogFile=$d/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$dbport
StorageUser=slurm
StoragePass=ci
StorageLoc=slurm_acct_db
EOF
  chmod 600 "$d/etc/slurmdbd.conf"

  # Slurm: one node, this host.
  local host memory cpus
  host="$(hostname -s)"
  memory="$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n 1)"
  cpus=$(($(nproc) < 2 ? $(nproc) : 2))
  cat >"$SLURM_CONF" <<EOF
ClusterName=akci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/state/slurmctld.pid
SlurmdPidFile=$d/spool/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
MailProg=/bin/true
# No cgroups (none are delegated in a container): processes are tracked through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbdport
# With slurmdbd, AccountingStoragePass names the munge socket of its connections.
AccountingStoragePass=$socket
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  slurmdbd -D >>"$d/log/slurmdbd.out" 2>&1 &
  cluster_pids+=($!)
  wait_for 60 sacctmgr -n list cluster >/dev/null 2>&1 || fail "slurmdbd did not start"
  sacctmgr -i add cluster akci >/dev/null
  log "slurmdbd running (pid $!): cluster akci registered"
  slurmctld -D -i >>"$d/log/slurmctld.out" 2>&1 &
  cluster_pids+=($!)
  local ctld=$!
  slurmd -D >>"$d/log/slurmd.out" 2>&1 &
  cluster_pids+=($!)
  wait_for 60 node_idle || fail "the node did not become idle: $(sinfo -N 2>&1 | tail -n 1)"
  log "slurmctld (pid $ctld) and slurmd (pid $!) running: node $host, $cpus CPU(s), $memory MB"
  sinfo
}

# Whether process $1 has exited (a zombie not yet reaped counts as exited).
gone() {
  local s
  s="$(ps -o stat= -p "$1" 2>/dev/null)" || return 0
  [[ "$s" == Z* ]]
}

node_idle() { [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ]; }

cluster_stop() {
  local pid i jobs jobpids
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] && scontrol ping >/dev/null 2>&1; then
    # Jobs' processes outlive slurmd: cancel the jobs, then kill what is left by the pids slurmd tracks.
    jobs="$(squeue -h -o %A 2>/dev/null)" || true
    jobpids="$(scontrol listpids 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}')" || true
    [ -z "$jobs" ] || scancel $jobs 2>/dev/null || true
    [ -z "$jobpids" ] || kill -9 $jobpids 2>/dev/null || true
  fi
  for ((i = ${#cluster_pids[@]} - 1; i >= 0; i--)); do
    pid="${cluster_pids[$i]}"
    kill "$pid" 2>/dev/null || continue
    wait_for 10 gone "$pid" || kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true # reap it
  done
  cluster_pids=()
}

cluster_logs() {
  local f
  for f in "$cluster_dir"/log/*.log; do
    [ -f "$f" ] && { echo "----- $f (last 20 lines)"; tail -n 20 "$f"; }
  done
}
