#!/usr/bin/env bash
# An upgrade as an operator does it, on PostgreSQL, with public tools only (bash, curl, psql, java, git
# and the Maven wrapper):
#
#   scripts/upgrade-check.sh                 # from 8f209ad (main before the key task's record) to this checkout
#   OLD=069a524 scripts/upgrade-check.sh     # from another commit of main
#
#  1. builds the old commit's jar in a temporary git worktree (OLD_JAR=path skips it) and this checkout's
#     (NEW_JAR=path skips it);
#  2. runs the old jar (postgres profile, mail kept, not sent) on a fresh database ($DB), imports the
#     Lufeng plan moved into this year (key task 1 due yesterday, the others at the year's end) and drives
#     key tasks over the REST API as the administrator: 3 assigned (签收 open), 7 signed for (实施方案
#     open), 11 in acceptance (验收 open), 1 overdue (its completion watch ran; signed for); every key task
#     has this month's progress report open while this month's reporting day is still ahead;
#  3. stops it and starts the new jar on the same database; checks: it starts, health `upgrades` is UP
#     with no instance left on its definition, no ERROR in the log, every key task and review calendar on
#     its latest definition, no running completion watch with a second one waiting to start, no incidents
#     and no failed jobs, the same open tasks (ids) as before the upgrade, key task 1 still overdue as
#     Tasklist's filters read it (deadlinePassed); then completes them onward (签收, 实施方案, 验收 通过, a
#     progress report, the overdue one's 实施方案), fires every timer of the instances left on an earlier
#     definition (annual plan, campaign: month starts, year end, window close) and checks incidents and
#     failed jobs again.
# Prints PASS/FAIL per check and exits non-zero on any failure. The database is dropped at the end
# (KEEP_DB=1 keeps it, with the apps' logs in $WORK).
set -euo pipefail
cd "${REPO:-$(dirname "$0")/..}"

OLD="${OLD:-8f209ad}"
DB="${DB:-upgrade_check}"
PORT="${PORT:-18290}"
MGMT_PORT="${MGMT_PORT:-18291}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
ADMIN_PASSWORD="Upgrade-admin-2026"
BASE="http://localhost:$PORT"
MGMT="http://localhost:$MGMT_PORT"
YEAR=$(date +%Y)
PLAN_ID="lufeng-$YEAR"
WORK="$(mktemp -d)"
APP_PID=""
OLD_TREE=""
FAILED=0

cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  [ -n "$OLD_TREE" ] && git worktree remove --force "$OLD_TREE" 2>/dev/null || true
  if [ "${KEEP_DB:-0}" = 1 ]; then
    echo "kept: database $DB, logs in $WORK"
  else
    psql -d postgres -q -c "drop database if exists $DB" || true
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
q() { psql -d "$DB" -tAq -c "$1"; }
check() { # check LABEL CONDITION-RESULT(0/1) [DETAIL]
  if [ "$2" = 0 ]; then echo "   PASS $1${3:+ ($3)}"; else echo "   FAIL $1${3:+ ($3)}"; FAILED=1; fi
}
api() { # api METHOD PATH [JSON]: prints the body, fails on HTTP >= 400
  local out code
  out="$WORK/answer.json"
  code=$(curl -s -o "$out" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -X "$1" -H 'Content-Type: application/json' \
    ${3:+--data-binary "$3"} "$BASE$2")
  if [ "$code" -ge 400 ]; then echo "HTTP $code for $1 $2: $(head -c 400 "$out")" >&2; return 1; fi
  cat "$out"
}
# The id of the open task TASK_KEY of key task NO (empty if none).
task_of() {
  q "select t.id_ from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_
     where p.business_key_ = '$PLAN_ID/$(printf %02d "$1")' and t.task_def_key_ = '$2' limit 1"
}
# complete NO TASK_KEY JSON-VARIABLES: completes that key task's open task over /engine-rest as admin.
complete() {
  local id
  id=$(task_of "$1" "$2")
  [ -n "$id" ] || { echo "   key task $1 has no open $2" >&2; return 1; }
  api POST "/engine-rest/task/$id/complete" "{\"variables\": $3}" > /dev/null
}
v() { printf '"%s": {"value": %s}' "$1" "$2"; }

start_app() { # start_app JAR LOG
  SPRING_PROFILES_ACTIVE=postgres \
  CAMPAIGN_DESK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CAMPAIGN_DESK_DB_USER="$PGUSER" CAMPAIGN_DESK_DB_PASSWORD="${PGPASSWORD:-}" \
  CAMPAIGN_DESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" CAMPAIGN_DESK_MANAGEMENT_PORT="$MGMT_PORT" PORT="$PORT" \
    java ${APP_JAVA_OPTS:-} -jar "$1" --campaign-desk.mail.smtp-enabled=false > "$2" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do
    curl -fs "$MGMT/actuator/health/readiness" > /dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  echo "   the application did not start; the end of its log:"; tail -40 "$2"; return 1
}
stop_app() {
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}
# Waits until the job executor has no due job left (at most $1 s).
settle() {
  local due="select count(*) from act_ru_job where retries_ > 0 and suspension_state_ = 1
    and (duedate_ is null or duedate_ <= now()) and coalesce(handler_type_, '') <> 'history-cleanup'"
  for _ in $(seq 1 "$(( $1 * 2 ))"); do [ "$(q "$due")" = 0 ] && return 0; sleep 0.5; done
  echo "   (still $(q "$due") due jobs after $1 s)"
}
engine_faults() { # incidents and failed jobs
  echo "$(q 'select count(*) from act_ru_incident') $(q 'select count(*) from act_ru_job where retries_ = 0')"
}

# ---------------------------------------------------------------------------------------------
if [ -z "${OLD_JAR:-}" ]; then
  log "== build $OLD (a temporary worktree)"
  OLD_TREE="$WORK/old"
  git worktree add --detach "$OLD_TREE" "$OLD" > /dev/null
  (cd "$OLD_TREE" && ./mvnw -q -o package -DskipTests)
  OLD_JAR="$WORK/old.jar"
  cp "$(ls "$OLD_TREE"/target/campaign-desk-*.jar | head -1)" "$OLD_JAR"
  git worktree remove --force "$OLD_TREE"; OLD_TREE=""
fi
if [ -z "${NEW_JAR:-}" ]; then
  log "== build this checkout ($(git rev-parse --short HEAD))"
  ./mvnw -q -o package -DskipTests
  NEW_JAR="$(ls target/campaign-desk-*.jar | head -1)"
fi
OLD_JAR="$(realpath "$OLD_JAR")"; NEW_JAR="$(realpath "$NEW_JAR")"

log "== fresh database $DB; the old jar ($OLD) starts"
psql -d postgres -q -c "drop database if exists $DB" -c "create database $DB"
start_app "$OLD_JAR" "$WORK/old.log"

# The Lufeng plan in this year: key task 1 due yesterday (overdue), the others at the year's end.
YESTERDAY=$(date -d yesterday +%F)
sed -e "s/2021/$((YEAR + 1))/g" -e "s/2020/$YEAR/g" plans/lufeng-2020.yaml | awk -v y="$YESTERDAY" -v end="$YEAR-12-31" '
  /^  - no: / { no = $3 }
  /^    deadline: [0-9]/ { print "    deadline: " (no == 1 ? y : end); next }
  { print }' > "$WORK/plan.yaml"
code=$(curl -s -o "$WORK/import.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/yaml' \
  --data-binary @"$WORK/plan.yaml" "$BASE/api/plans")
[ "$code" = 201 ] || { echo "import: HTTP $code $(head -c 400 "$WORK/import.json")"; exit 1; }
settle 120
log "   plan $PLAN_ID imported: $(q "select count(*) from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
  where d.key_ = 'key-task' and e.id_ = e.proc_inst_id_") key tasks, $(q 'select count(*) from act_ru_task') open tasks"

log "== drive key tasks on the old version"
SIGNED="$(v signedBy '"王五"'), $(v signedByPhone '"0878-1234567"')"
for no in 7 11 1; do complete "$no" Task_SignFor "{$SIGNED}"; done
settle 60
LEAD11=$(q "select name_ from act_id_group where id_ = (select t.group_id_ from act_ru_identitylink t
  join act_ru_task k on k.id_ = t.task_id_ join act_ru_execution p on p.id_ = k.proc_inst_id_
  where p.business_key_ = '$PLAN_ID/11' and k.task_def_key_ = 'Task_ImplementationPlan' and t.type_ = 'candidate' limit 1)")
TODAY=$(date +%F)
complete 11 Task_ImplementationPlan "{$(v planSummary '"按月推进，年底前完成"'), $(v subItemsText "\"$LEAD11｜汇总台账｜$YEAR-12-20\"")}"
settle 60
# Versions before contributions followed the plan give every responsible unit a task, all due before the request.
for id in $(q "select t.id_ from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_
    where p.business_key_ = '$PLAN_ID/11' and t.task_def_key_ = 'Task_Contribution'"); do
  api POST "/engine-rest/task/$id/complete" "{\"variables\": {$(v contributionReport '"已按方案落实"'), $(v contributionDate "\"$TODAY\"")}}" > /dev/null
done
settle 60
complete 11 Task_RequestCompletion "{$(v requestKind '"completion"'), $(v completionSummary '"全部完成年度任务"'),
  $(v evidenceDescription '"验收材料存于档案室"'), $(v completedOn "\"$TODAY\"")}"
settle 60
for pair in 3:Task_SignFor 7:Task_ImplementationPlan 11:Task_Acceptance; do
  [ -n "$(task_of "${pair%%:*}" "${pair#*:}")" ]; check "old: key task ${pair%%:*} waits at ${pair#*:}" $?
done
# Versions before the key task's record marked the overdue scope only (overdue), later ones the instance too (deadlinePassed).
OVERDUE_BEFORE=$(q "select string_agg(distinct v.name_, ',') from act_ru_variable v join act_ru_execution p on p.id_ = v.proc_inst_id_
  where p.business_key_ = '$PLAN_ID/01' and p.proc_def_id_ in (select id_ from act_re_procdef where key_ = 'key-task')
  and v.name_ in ('deadlinePassed', 'overdue') and v.long_ = 1")
REPORTS=$(q "select count(*) from act_ru_task where task_def_key_ = 'Task_ProgressReport'")
check "old: key task 1 overdue" "$([ -n "$OVERDUE_BEFORE" ]; echo $?)" "${OVERDUE_BEFORE:-no flag}"
log "   $REPORTS progress reports open"
OPEN_BEFORE=$(q "select id_ from act_ru_task order by id_" | md5sum)
TASKS_BEFORE=$(q 'select count(*) from act_ru_task')
read -r INC FAILED_JOBS <<< "$(engine_faults)"
check "old: no incidents, no failed jobs" "$([ "$INC $FAILED_JOBS" = "0 0" ]; echo $?)" "$INC incidents, $FAILED_JOBS failed jobs"
stop_app

# ---------------------------------------------------------------------------------------------
log "== the new jar starts on the same database"
t0=$(date +%s)
start_app "$NEW_JAR" "$WORK/new.log"
log "   ready after $(( $(date +%s) - t0 )) s"
grep -E "upgrade|Upgrade|moved to|records:" "$WORK/new.log" | grep -v DEBUG | sed 's/^.*\] [A-Za-z.]*[[:space:]]*: /   log: /' | cut -c1-300 | head -20
settle 120
curl -s "$MGMT/actuator/health/upgrades" > "$WORK/upgrades.json"
grep -q '"status":"UP"' "$WORK/upgrades.json" && grep -q '"instancesLeftOnTheirDefinition":0' "$WORK/upgrades.json" \
  && grep -q '"failedMigrations":\[\]' "$WORK/upgrades.json"
check "health upgrades UP, nothing left behind" $? "$(head -c 200 "$WORK/upgrades.json")"
! grep -q -E "ERROR|not moved|not finished" "$WORK/new.log"
check "no ERROR and no upgrade left unfinished in the log" $? "$(grep -m1 -E "ERROR|not moved|not finished" "$WORK/new.log" | cut -c1-200)"
EARLIER="from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ where e.id_ = e.proc_inst_id_
  and d.version_ < (select max(version_) from act_re_procdef l where l.key_ = d.key_ and l.tenant_id_ is not distinct from d.tenant_id_)"
OFF=$(q "select count(*) $EARLIER and d.key_ in ('key-task', 'review-calendar')")
check "key tasks and review calendars on their latest definition" "$([ "$OFF" = 0 ]; echo $?)" "$OFF not"
# The others may stay where they are (an annual plan or campaign of an earlier version): their timers fire below.
log "   instances left on an earlier definition: $(q "select coalesce(string_agg(k, ', '), 'none') from (select d.key_ || ' v' || d.version_
  || ' x' || count(*) as k $EARLIER group by d.key_, d.version_) x")"
read -r INC FAILED_JOBS <<< "$(engine_faults)"
check "new: no incidents, no failed jobs" "$([ "$INC $FAILED_JOBS" = "0 0" ]; echo $?)" "$INC incidents, $FAILED_JOBS failed jobs"
[ "$(q "select id_ from act_ru_task order by id_" | md5sum)" = "$OPEN_BEFORE" ]
check "the same open tasks as before" $? "$TASKS_BEFORE before, $(q 'select count(*) from act_ru_task') now"
OVERDUE_AFTER=$(q "select long_ from act_ru_variable v join act_ru_execution p on p.id_ = v.execution_id_
  where p.business_key_ = '$PLAN_ID/01' and p.id_ = p.proc_inst_id_ and v.name_ = 'deadlinePassed'
  and p.proc_def_id_ in (select id_ from act_re_procdef where key_ = 'key-task')")
check "key task 1 still overdue (deadlinePassed, as Tasklist's filters read it)" "$([ "$OVERDUE_AFTER" = 1 ]; echo $?)" "deadlinePassed=${OVERDUE_AFTER:-none}"
WATCHES=$(q "select count(*) from act_ru_execution w join act_re_procdef d on d.id_ = w.proc_def_id_
  where d.key_ = 'deadline-watch' and w.id_ = w.proc_inst_id_ and w.super_exec_ is not null")
SECOND=$(q "select count(*) from act_ru_job j join act_ru_jobdef jd on jd.id_ = j.job_def_id_
  where jd.act_id_ = 'Timer_WatchStarts' and exists (select 1 from act_ru_execution w
  join act_ru_execution s on s.id_ = w.super_exec_ join act_ru_variable k on k.proc_inst_id_ = w.id_
  where w.id_ = w.proc_inst_id_ and s.proc_inst_id_ = j.process_instance_id_ and k.name_ = 'deadlineKind' and k.text_ = 'completion')")
check "no key task with a running completion watch waits to start a second" "$([ "$SECOND" = 0 ]; echo $?)" "$SECOND"
log "   $WATCHES running deadline watches"

log "== complete onward on the new version"
complete 3 Task_SignFor "{$SIGNED}"; check "key task 3 signed for" $?
complete 1 Task_ImplementationPlan "{$(v planSummary '"逾期后加快推进"'), $(v subItemsText "\"$(q "select name_ from act_id_group where id_ = (select t.group_id_ from act_ru_identitylink t
  join act_ru_task k on k.id_ = t.task_id_ join act_ru_execution p on p.id_ = k.proc_inst_id_
  where p.business_key_ = '$PLAN_ID/01' and k.task_def_key_ = 'Task_ImplementationPlan' and t.type_ = 'candidate' limit 1)")｜补齐台账｜$YEAR-12-31\"")}"
check "overdue key task 1: implementation plan" $?
LEAD7=$(q "select name_ from act_id_group where id_ = (select t.group_id_ from act_ru_identitylink t
  join act_ru_task k on k.id_ = t.task_id_ join act_ru_execution p on p.id_ = k.proc_inst_id_
  where p.business_key_ = '$PLAN_ID/07' and k.task_def_key_ = 'Task_ImplementationPlan' and t.type_ = 'candidate' limit 1)")
complete 7 Task_ImplementationPlan "{$(v planSummary '"按月推进"'), $(v subItemsText "\"$LEAD7｜汇总台账｜$YEAR-12-20\"")}"
check "key task 7: implementation plan" $?
complete 11 Task_Acceptance "{$(v acceptanceDecision '"accept"')}"
check "key task 11: accepted" $?
settle 60
ENDED=$(q "select count(*) from act_hi_procinst where business_key_ = '$PLAN_ID/11' and proc_def_key_ = 'key-task' and end_time_ is not null")
check "key task 11 closed out" "$([ "$ENDED" = 1 ]; echo $?)"
if [ "$REPORTS" -gt 0 ]; then
  complete 7 Task_ProgressReport "{$(v progressThisMonth '"本月完成台账汇总"'), $(v nextMonthPlan '"准备验收"'), $(v percentComplete 90), $(v problems '"无"')}"
  check "key task 7: this month's progress report submitted" $?
fi
settle 60
[ -n "$(task_of 7 Task_RequestCompletion)" ] && [ -n "$(task_of 3 Task_ImplementationPlan)" ] && [ -n "$(task_of 1 Task_RequestCompletion)" ]
check "next tasks open (7, 1: 申请办结; 3: 实施方案)" $?
read -r INC FAILED_JOBS <<< "$(engine_faults)"
check "after the work: no incidents, no failed jobs" "$([ "$INC $FAILED_JOBS" = "0 0" ]; echo $?)" "$INC incidents, $FAILED_JOBS failed jobs"
# Instances the upgrade leaves on their definition (an annual plan or campaign of an earlier version) must run on
# the new code too: their timers (month starts, the year end, a campaign window's close) fire now.
OLD_TIMERS="select j.id_ from act_ru_job j join act_re_procdef d on d.id_ = j.process_def_id_ where j.type_ = 'timer'
  and d.version_ < (select max(version_) from act_re_procdef l where l.key_ = d.key_ and l.tenant_id_ is not distinct from d.tenant_id_)"
FIRED=$(q "select string_agg(distinct coalesce(jd.act_id_, '?'), ', ') from act_ru_job j join act_ru_jobdef jd on jd.id_ = j.job_def_id_
  where j.id_ in ($OLD_TIMERS)")
if [ -n "$FIRED" ]; then
  log "   timers of instances on earlier definitions fire now: $FIRED"
  q "update act_ru_job set duedate_ = now() - interval '1 second' where id_ in ($OLD_TIMERS)"
  settle 180
  read -r INC FAILED_JOBS <<< "$(engine_faults)"
  check "their timers ran: no incidents, no failed jobs" "$([ "$INC $FAILED_JOBS" = "0 0" ]; echo $?)" \
    "$INC incidents, $FAILED_JOBS failed jobs$(q "select ': ' || string_agg(distinct left(exception_msg_, 160), ' | ') from act_ru_job where retries_ = 0")"
fi
curl -s "$MGMT/actuator/health" > "$WORK/health.json"
grep -q '^{"status":"UP"' "$WORK/health.json" || grep -q '"status":"UP","components"' "$WORK/health.json"
check "health UP" $? "$(head -c 120 "$WORK/health.json")"
stop_app

[ "$FAILED" = 0 ] && log "== upgrade from $OLD: every check passed" || log "== upgrade from $OLD: FAILED (KEEP_DB=1 keeps the database and logs)"
exit "$FAILED"
