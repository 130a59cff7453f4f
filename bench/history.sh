#!/usr/bin/env bash
# History rows per key task at each history level (issue 15: history level audit instead of full),
# on this machine's PostgreSQL with public tools only (bash, curl, psql, the Maven wrapper).
#
#   bench/history.sh                  # N=3 county plans shaped like plans/lufeng-2020.yaml, levels full and audit
#   N=1 LEVELS=audit bench/history.sh
#
# For each level: a fresh database, the application (the jar, postgres profile, mail kept, not
# sent) started with camunda.bpm.history-level=LEVEL, N county plans imported one after another,
# the job executor left to settle; then the first county's lead units sign for (签收) each of their
# key tasks through the REST API as Tasklist does. After each phase, per key task: the rows of every
# history table (act_hi_*) and of the application's audit tables (cd_task_party, cd_variable_change),
# and their size on disk. Table in $OUT (default bench/history-last-run.md).
set -euo pipefail
cd "${REPO:-$(dirname "$0")/..}"

N="${N:-3}"
LEVELS="${LEVELS:-full audit}"
PORT="${PORT:-18094}"
MGMT_PORT="${MGMT_PORT:-18095}"
OUT="${OUT:-bench/history-last-run.md}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
ADMIN_PASSWORD="Bench-admin-2026"
UNIT_PASSWORD="Bench-unit-2026"
BASE="http://localhost:$PORT"
YEAR=$(( $(date +%Y) + 1 ))
WORK="$(mktemp -d)"
APP_PID=""
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
q() { psql -d "$1" -tAq -c "$2"; }

if [ -z "${JAR:-}" ]; then # JAR=path/to/campaign-desk.jar skips the build
  log "== build"
  ./mvnw -q -o -DskipTests package
  JAR="$(ls target/campaign-desk-*.jar | head -1)"
fi
JAR="$(realpath "$JAR")"

county_plan() { # id name plan-id
  sed -e "s/^  id: lufeng-2020$/  id: $3/" \
      -e "s/^  region: {id: lufeng, name: 禄丰县}$/  region: {id: $1, name: $2}/" \
      -e "s/2020-/$YEAR-/g" -e "s/year: 2020/year: $YEAR/" -e "s/2021-/$((YEAR + 1))-/g" \
      plans/lufeng-2020.yaml
}

DUE_JOBS="select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1
  and (duedate_ is null or duedate_ <= now()) and coalesce(handler_type_, '') <> 'history-cleanup'"
KT="(select count(*) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_ where d.key_ = 'key-task')"

# rows DB: "table rows-per-key-task" lines, then "total", "KB" (history and audit tables, per key task)
rows() {
  q "$1" "select relname, round(n::numeric / k, 1) from (select c.relname, (xpath('/row/c/text()',
      query_to_xml('select count(*) as c from ' || c.relname, false, true, '')))[1]::text::bigint as n,
      $KT::numeric as k from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and c.relkind = 'r'
        and (c.relname like 'act_hi_%' or c.relname in ('cd_task_party', 'cd_variable_change', 'act_ge_bytearray'))) x
    where n > 0 order by relname"
  q "$1" "select 'total (act_hi_* + cd_task_party + cd_variable_change)', round(sum(n)::numeric / max(k), 1) from (select
      (xpath('/row/c/text()', query_to_xml('select count(*) as c from ' || c.relname, false, true, '')))[1]::text::bigint as n,
      $KT::numeric as k from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname = current_schema() and c.relkind = 'r'
        and (c.relname like 'act_hi_%' or c.relname in ('cd_task_party', 'cd_variable_change'))) x"
  q "$1" "select 'KB on disk (same tables, with indexes)', round(sum(pg_total_relation_size(c.oid)) / 1024.0 / $KT)
      from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relkind = 'r'
        and (c.relname like 'act_hi_%' or c.relname in ('cd_task_party', 'cd_variable_change'))"
  q "$1" "select 'KB on disk, whole database', round(pg_database_size(current_database()) / 1024.0 / $KT)"
}

for c in $(seq 1 "$N"); do county_plan "$(printf 'c%03d' "$c")" "基准县$c" "hist-$(printf 'c%03d' "$c")-$YEAR" > "$WORK/c$c.yaml"; done

: > "$WORK/table"
for LEVEL in $LEVELS; do
  DB="bench_history_$LEVEL"
  log "== history level $LEVEL: fresh database $DB, start the app"
  psql -d postgres -q -c "drop database if exists $DB" -c "create database $DB"
  SPRING_PROFILES_ACTIVE=postgres \
  CAMPAIGN_DESK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CAMPAIGN_DESK_DB_USER="$PGUSER" CAMPAIGN_DESK_DB_PASSWORD="${PGPASSWORD:-}" \
  CAMPAIGN_DESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" CAMPAIGN_DESK_MANAGEMENT_PORT="$MGMT_PORT" PORT="$PORT" \
    java ${APP_JAVA_OPTS:-} -jar "$JAR" --campaign-desk.mail.smtp-enabled=false --camunda.bpm.history-level="$LEVEL" \
    > "$WORK/app-$LEVEL.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do
    curl -fs "http://localhost:$MGMT_PORT/actuator/health/readiness" > /dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://localhost:$MGMT_PORT/actuator/health/readiness" > /dev/null || { tail -50 "$WORK/app-$LEVEL.log"; exit 1; }
  log "   import $N county plans"
  for c in $(seq 1 "$N"); do
    code=$(curl -s -m 600 -o "$WORK/answer" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/yaml' \
      --data-binary @"$WORK/c$c.yaml" "$BASE/api/plans")
    [ "$code" = 201 ] || { echo "   import $c: $code $(head -c 300 "$WORK/answer")"; exit 1; }
  done
  for _ in $(seq 1 600); do [ "$(q "$DB" "$DUE_JOBS")" = 0 ] && break; sleep 0.5; done
  rows "$DB" | sed "s/^/$LEVEL|import|/" >> "$WORK/table"

  log "   the lead units of county c001 sign for their key tasks"
  signed=0
  for unit in $(q "$DB" "select distinct l.group_id_ from act_ru_identitylink l join act_ru_task t on t.id_ = l.task_id_
      where t.task_def_key_ = 'Task_SignFor' and t.tenant_id_ = 'c001' and l.type_ = 'candidate' and l.group_id_ is not null"); do
    curl -fs -o /dev/null -u "admin:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
      -d "{\"password\":\"$UNIT_PASSWORD\",\"authenticatedUserPassword\":\"$ADMIN_PASSWORD\"}" "$BASE/engine-rest/user/$unit/credentials"
    for task in $(q "$DB" "select t.id_ from act_ru_task t join act_ru_identitylink l on l.task_id_ = t.id_
        where t.task_def_key_ = 'Task_SignFor' and t.tenant_id_ = 'c001' and l.type_ = 'candidate' and l.group_id_ = '$unit'"); do
      code=$(curl -s -o "$WORK/answer" -w '%{http_code}' -u "$unit:$UNIT_PASSWORD" -X POST -H 'Content-Type: application/json' \
        -d '{"variables":{"signedBy":{"value":"王五","type":"String"},"signedByPhone":{"value":"0878-1234567","type":"String"}}}' \
        "$BASE/engine-rest/task/$task/submit-form")
      if [ "$code" = 204 ]; then signed=$((signed + 1)); else echo "   sign for $task as $unit: $code $(head -c 200 "$WORK/answer")"; fi
    done
  done
  for _ in $(seq 1 600); do [ "$(q "$DB" "$DUE_JOBS")" = 0 ] && break; sleep 0.5; done
  log "   $signed key tasks signed for"
  rows "$DB" | sed "s/^/$LEVEL|after signing for $signed key tasks|/" >> "$WORK/table"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
done

{
  echo "History rows per key task ($N county plans shaped like Lufeng, $(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL"
  echo "$(q postgres 'show server_version'), autovacuum $(q postgres 'show autovacuum'))"
  echo
  echo "| level | phase | table | per key task |"
  echo "|---|---|---|---|"
  awk -F'|' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$WORK/table"
} | tee "$OUT"
