-- How far the rendering of an application's print bundle has got, written in its own short transactions while
-- the render runs (a city-scale bundle takes seconds to minutes), so a case list can show it.
create table bundle_progress (
  application_id bigint primary key references pass_application (id),
  rendered       int not null,
  total          int not null,
  updated_at     timestamp with time zone not null
);
