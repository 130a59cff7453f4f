-- Counties (regions) are Camunda tenants; a plan belongs to one. Null: a plan imported before
-- regions, placed in the default region at start-up (LegacyPlanUpgrade).
alter table cd_plan add column region_id varchar(30);
-- active: running; archived: imported as a record, nothing scheduled; withdrawn: its instances cancelled, history kept.
alter table cd_plan add column status varchar(20) default 'active' not null;
alter table cd_plan add column status_reason varchar(500);
alter table cd_plan add column status_changed_at timestamp;
alter table cd_plan add column status_changed_by varchar(64);
alter table cd_plan add column revision integer default 1 not null;

-- Unit and leader ids are unique within a region; their Camunda user and group ids within the installation.
-- The id stays as the plan writes it where nobody else holds it, else it becomes <region>.<id>.
create table cd_principal (
  region_id     varchar(30) not null,
  kind          varchar(10) not null,
  local_id      varchar(40) not null,
  principal_id  varchar(64) not null unique,
  primary key (region_id, kind, local_id)
);

-- One row that every import locks, so imports run one after another on every node.
create table cd_import_lock (id integer primary key);
insert into cd_import_lock (id) values (1);

-- The county of the instance a mail is about: /api/mail shows each county its own.
alter table cd_mail add column tenant_id varchar(64);
