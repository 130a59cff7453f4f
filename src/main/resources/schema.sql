-- Campaign Desk's own tables beside Camunda's; statements must run on H2 and PostgreSQL alike.
create table if not exists cd_plan (
  id           varchar(40)  primary key,
  title        varchar(300) not null,
  plan_year    integer      not null,
  timezone     varchar(60)  not null,
  key_tasks    integer      not null,
  source       text         not null,
  imported_at  timestamp    not null,
  imported_by  varchar(64)
);
