-- A year of monthly actuals for two sales teams, and the plan they were measured against, for
-- the plan-vs-actual sample (docs/postgresql.md, "A year of plan against actual"; the workbook
-- samples/plan_vs_actual.fods reads actuals.monthly). A team is named as its template is.
--   psql -d analytics -f actuals.sql
CREATE SCHEMA IF NOT EXISTS actuals;

-- Sales leadership's plan: bookings and deals wanted each month.
CREATE TABLE actuals.plan (
  team text NOT NULL,
  month date NOT NULL,              -- the month's first day
  bookings_target numeric NOT NULL,
  sales_target numeric NOT NULL,    -- deals closed
  PRIMARY KEY (team, month)
);

-- What happened: bookings, the funnel's counts by stage, the team at the month's start, people
-- hired and people who left.
CREATE TABLE actuals.monthly (
  team text NOT NULL,
  month date NOT NULL,
  bookings numeric NOT NULL,
  clicks integer NOT NULL,          -- top of the funnel (meetings for field sales)
  demos integer NOT NULL,
  sales integer NOT NULL,
  reps integer NOT NULL,            -- reps on the team on the month's first day
  hires integer NOT NULL,
  departures integer NOT NULL,
  PRIMARY KEY (team, month)
);

INSERT INTO actuals.plan (team, month, bookings_target, sales_target) VALUES
  ('inside_sales', '2026-01-01', 360000, 40),
  ('inside_sales', '2026-02-01', 370000, 41),
  ('inside_sales', '2026-03-01', 380000, 42),
  ('inside_sales', '2026-04-01', 390000, 43),
  ('inside_sales', '2026-05-01', 400000, 44),
  ('inside_sales', '2026-06-01', 410000, 46),
  ('inside_sales', '2026-07-01', 420000, 47),
  ('inside_sales', '2026-08-01', 430000, 48),
  ('inside_sales', '2026-09-01', 440000, 49),
  ('inside_sales', '2026-10-01', 450000, 50),
  ('inside_sales', '2026-11-01', 460000, 51),
  ('inside_sales', '2026-12-01', 470000, 52),
  ('enterprise_field_sales', '2026-01-01', 420000, 4),
  ('enterprise_field_sales', '2026-02-01', 435000, 4),
  ('enterprise_field_sales', '2026-03-01', 450000, 4),
  ('enterprise_field_sales', '2026-04-01', 465000, 4),
  ('enterprise_field_sales', '2026-05-01', 480000, 4),
  ('enterprise_field_sales', '2026-06-01', 495000, 4),
  ('enterprise_field_sales', '2026-07-01', 510000, 4),
  ('enterprise_field_sales', '2026-08-01', 525000, 4),
  ('enterprise_field_sales', '2026-09-01', 540000, 4),
  ('enterprise_field_sales', '2026-10-01', 555000, 5),
  ('enterprise_field_sales', '2026-11-01', 570000, 5),
  ('enterprise_field_sales', '2026-12-01', 585000, 5);

INSERT INTO actuals.monthly (team, month, bookings, clicks, demos, sales, reps, hires, departures) VALUES
  ('inside_sales', '2026-01-01', 331200, 4581, 142, 37, 11, 1, 0),
  ('inside_sales', '2026-02-01', 358900, 5310, 154, 40, 12, 0, 1),
  ('inside_sales', '2026-03-01', 391400, 5500, 165, 43, 11, 2, 1),
  ('inside_sales', '2026-04-01', 343200, 5214, 146, 38, 12, 1, 0),
  ('inside_sales', '2026-05-01', 380000, 5226, 162, 42, 13, 1, 1),
  ('inside_sales', '2026-06-01', 414100, 5900, 177, 46, 13, 0, 1),
  ('inside_sales', '2026-07-01', 445200, 5529, 188, 49, 12, 2, 0),
  ('inside_sales', '2026-08-01', 425700, 5028, 181, 47, 14, 1, 1),
  ('inside_sales', '2026-09-01', 409200, 4943, 173, 45, 14, 0, 0),
  ('inside_sales', '2026-10-01', 468000, 6061, 200, 52, 14, 1, 0),
  ('inside_sales', '2026-11-01', 496800, 5889, 212, 55, 15, 1, 1),
  ('inside_sales', '2026-12-01', 479400, 5829, 204, 53, 15, 2, 0),
  ('enterprise_field_sales', '2026-01-01', 357000, 45, 14, 3, 6, 0, 0),
  ('enterprise_field_sales', '2026-02-01', 478500, 68, 19, 4, 6, 1, 0),
  ('enterprise_field_sales', '2026-03-01', 427500, 63, 19, 4, 7, 0, 1),
  ('enterprise_field_sales', '2026-04-01', 418500, 42, 14, 3, 6, 0, 0),
  ('enterprise_field_sales', '2026-05-01', 504000, 66, 19, 4, 6, 1, 0),
  ('enterprise_field_sales', '2026-06-01', 554400, 80, 24, 5, 7, 0, 0),
  ('enterprise_field_sales', '2026-07-01', 408000, 44, 14, 3, 7, 1, 0),
  ('enterprise_field_sales', '2026-08-01', 525000, 70, 19, 4, 8, 0, 1),
  ('enterprise_field_sales', '2026-09-01', 523800, 63, 19, 4, 7, 0, 0),
  ('enterprise_field_sales', '2026-10-01', 638200, 77, 24, 5, 7, 1, 0),
  ('enterprise_field_sales', '2026-11-01', 513000, 66, 19, 4, 8, 0, 0),
  ('enterprise_field_sales', '2026-12-01', 631800, 80, 24, 5, 8, 0, 0);
