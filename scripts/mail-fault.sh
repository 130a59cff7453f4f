#!/usr/bin/env bash
# Mail exactly once under faults (issue 11, must show 4), on PostgreSQL with two nodes, measured at
# an SMTP server that counts what it accepted per (recipient, subject).
#
#   scripts/mail-fault.sh                 # KILLS=4 rounds with kill -9, then N=2 plans in a 30 s SMTP outage
#   KILLS=6 N=3 OUTAGE_S=70 scripts/mail-fault.sh
#
# Needs bash, java 17, curl, psql and the local PostgreSQL (PGHOST/PGPORT/PGUSER, default
# 127.0.0.1:5432 postgres); no Docker. It
#   1. builds the jar (SKIP_BUILD=1: use the one in target/), creates a fresh database "mailfault",
#   2. starts scripts/SmtpCatcher.java (writes each accepted mail to disk before answering 250) and
#      two app nodes (postgres profile, SMTP on, one database; job lock time 20 s instead of 5 min,
#      so the jobs a killed node held are taken over within the run),
#   3. KILLS times: imports a county plan shaped like plans/lufeng-2020.yaml in the current year
#      (it opens the current campaign for all its units and reports overdue key tasks: about 60
#      mails), waits until the nodes are delivering them, and kills a node with kill -9 (a and b
#      alternately), then restarts it,
#   4. stops the SMTP server for OUTAGE_S seconds while N more plans are imported, and starts it again,
#   5. waits until no mail is pending and no delivery job is left, then compares the mails recorded
#      (cd_mail) with the mails the server accepted, per (recipient, subject):
#      lost = recorded but not accepted, duplicate = accepted more often than recorded.
# Exit status 0 only with 0 lost, 0 duplicate and no delivery left as an incident.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-2}"
KILLS="${KILLS:-4}"
OUTAGE_S="${OUTAGE_S:-30}"
SMTP_PORT="${SMTP_PORT:-2526}"
SMTP_DELAY_MS="${SMTP_DELAY_MS:-100}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${DB:-mailfault}"
ADMIN_PASSWORD="Fault-admin-2026"
WORK="$(mktemp -d)"
declare -A PID PORT MGMT
PORT[a]=18201 MGMT[a]=18211 PORT[b]=18202 MGMT[b]=18212
CATCHER_PID=""

cleanup() {
  for node in a b; do [ -n "${PID[$node]:-}" ] && kill "${PID[$node]}" 2>/dev/null || true; done
  [ -n "$CATCHER_PID" ] && kill "$CATCHER_PID" 2>/dev/null || true
  echo "logs: $WORK"
}
trap cleanup EXIT

sql() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -tA -c "$1" "$DB"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build"
  ./mvnw -q -DskipTests package
fi
JAR="$(ls target/campaign-desk-*.jar | grep -v original | head -1)"

echo "== fresh database $DB on $PGHOST:$PGPORT"
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "drop database if exists $DB" -c "create database $DB" postgres

start_catcher() {
  java scripts/SmtpCatcher.java "$SMTP_PORT" "$WORK/accepted.tsv" "$SMTP_DELAY_MS" >> "$WORK/catcher.log" 2>&1 &
  CATCHER_PID=$!
  for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && return; sleep 0.5; done
  echo "SMTP catcher did not start"; exit 1
}

start_node() { # a|b
  local node="$1"
  SPRING_PROFILES_ACTIVE=postgres \
  CAMPAIGN_DESK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CAMPAIGN_DESK_DB_USER="$PGUSER" \
  CAMPAIGN_DESK_DB_PASSWORD="${PGPASSWORD:-}" CAMPAIGN_DESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  CAMPAIGN_DESK_ADMIN_EMAIL="coordinators@fault.example.org" \
  CAMPAIGN_DESK_MANAGEMENT_PORT="${MGMT[$node]}" PORT="${PORT[$node]}" \
  SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT="$SMTP_PORT" \
    java -Xmx512m -jar "$JAR" --camunda.bpm.job-execution.lock-time-in-millis=20000 \
      --camunda.bpm.job-execution.max-wait=2000 >> "$WORK/node-$node.log" 2>&1 &
  PID[$node]=$!
}

wait_ready() { # a|b (a loaded machine starts a node in minutes)
  for _ in $(seq 1 900); do
    curl -fs "http://localhost:${MGMT[$1]}/actuator/health/readiness" > /dev/null 2>&1 && return
    sleep 1
  done
  tail -40 "$WORK/node-$1.log"; echo "node $1 did not start"; exit 1
}

import_plan() { # county number; tries node b, then a, until it is in (201) or known (409)
  local i="$1" code node
  sed -e "s/^  id: lufeng-2020$/  id: fault-c$i-$YEAR/" \
      -e "s/^  region: {id: lufeng, name: 禄丰县}$/  region: {id: f$i, name: 故障县$i}/" \
      -e "s/2020-/$YEAR-/g" -e "s/year: 2020/year: $YEAR/" -e "s/2021-/$((YEAR + 1))-/g" \
      -e "s/@\([a-z0-9.-]*\)example.org/@f$i.\1example.org/g" \
      plans/lufeng-2020.yaml > "$WORK/plan-$i.yaml"
  for attempt in $(seq 1 30); do
    for node in b a; do
      code=$(curl -s -o "$WORK/answer-$i.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/yaml' \
        --data-binary @"$WORK/plan-$i.yaml" "http://localhost:${PORT[$node]}/api/plans" || true)
      if [ "$code" = 201 ] || [ "$code" = 409 ]; then return; fi
    done
    sleep 2
  done
  echo "import $i failed: $code $(cat "$WORK/answer-$i.json")"; exit 1
}

YEAR="$(date +%Y)"
start_catcher
echo "== two nodes on one database"
# One after the other: the first creates the schema (two engines creating it at once collide).
start_node a; wait_ready a; start_node b; wait_ready b

echo "== $KILLS rounds: import a county plan, then kill -9 a node (alternately) while its mail is being delivered"
kills=0 at_kill=()
victim=a
for k in $(seq 1 "$KILLS"); do
  i=$(printf '%03d' "$k")
  import_plan "$i"
  for _ in $(seq 1 120); do
    [ "$(sql "select count(*) from act_ru_job where handler_type_ = 'campaign-desk-deferred' and lock_owner_ is not null")" -gt 0 ] && break
    sleep 0.2
  done
  sleep "0.$(( RANDOM % 10 ))"
  pending=$(sql "select count(*) from cd_mail where status = 'pending'")
  locked=$(sql "select count(*) from act_ru_job where handler_type_ = 'campaign-desk-deferred' and lock_owner_ is not null")
  kill -9 "${PID[$victim]}"; wait "${PID[$victim]}" 2>/dev/null || true
  kills=$((kills + 1)); at_kill+=("$pending/$locked")
  echo "   kill -9 node $victim: $pending mails pending, $locked deliveries locked by the nodes"
  start_node "$victim"; wait_ready "$victim"
  if [ "$victim" = a ]; then victim=b; else victim=a; fi
done

echo "== SMTP outage of ${OUTAGE_S}s while $N more plans are imported"
kill "$CATCHER_PID"; wait "$CATCHER_PID" 2>/dev/null || true
outage_start=$(date +%s)
for i in $(seq -f "%03g" $((KILLS + 1)) $((KILLS + N))); do import_plan "$i"; done
sleep $(( OUTAGE_S - ($(date +%s) - outage_start) > 0 ? OUTAGE_S - ($(date +%s) - outage_start) : 0 ))
echo "   pending at the end of the outage: $(sql "select count(*) from cd_mail where status = 'pending'"), failed attempts so far: $(sql "select count(*) from act_ru_job where handler_type_ = 'campaign-desk-deferred' and retries_ < 4")"
start_catcher

echo "== waiting until every mail is delivered (retries after 1 and 5 minutes)"
for _ in $(seq 1 900); do
  left=$(sql "select count(*) from act_ru_job where handler_type_ = 'campaign-desk-deferred'")
  pending=$(sql "select count(*) from cd_mail where status = 'pending'")
  active=$(sql "select count(*) from act_ru_job where handler_type_ <> 'campaign-desk-deferred' and (duedate_ is null or duedate_ <= now()) and retries_ > 0")
  [ "$left" = 0 ] && [ "$pending" = 0 ] && [ "$active" = 0 ] && break
  sleep 1
done
incidents=$(sql "select count(*) from act_ru_incident i join act_ru_job j on j.id_ = i.configuration_ where j.handler_type_ = 'campaign-desk-deferred'")

echo "== compare: recorded (cd_mail) vs accepted by SMTP, per (recipient, subject)"
sql "select recipient || E'\t' || subject from cd_mail where smtp" > "$WORK/recorded.tsv"
touch "$WORK/accepted.tsv"
awk -F'\t' -v out="$WORK/diff.txt" '
  FNR == NR { rec[$0]++; next }
  { acc[$0]++ }
  END {
    for (k in rec) { r += rec[k]; if (acc[k] < rec[k]) { lost += rec[k] - acc[k]; print "lost " k > out } }
    for (k in acc) { a += acc[k]; if (acc[k] > rec[k]) { dup += acc[k] - rec[k]; print "duplicate " k > out } }
    printf "recorded %d, accepted %d, lost %d, duplicate %d\n", r, a, lost + 0, dup + 0
    exit (lost + dup > 0)
  }' "$WORK/recorded.tsv" "$WORK/accepted.tsv" | tee "$WORK/result.txt" || true
echo "counties $((KILLS + N)), kill -9 $kills (pending/locked deliveries at each kill: ${at_kill[*]}), SMTP outage ${OUTAGE_S}s," \
  "mail still pending $pending, deliveries left $left, delivery incidents $incidents," \
  "failed delivery attempts $(sql "select count(*) from act_hi_job_log where job_def_id_ is null and job_state_ = 1")"
grep -q 'lost 0, duplicate 0' "$WORK/result.txt" && [ "$incidents" = 0 ] && [ "$pending" = 0 ]
