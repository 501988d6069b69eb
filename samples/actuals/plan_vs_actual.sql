-- Each month's actuals against the plan made from the assumptions in force that month: the
-- template of the team's name as it stood at the month's end (alignkit.template_value with an
-- instant), never today's version. One row per team and planned month; a month with no actuals
-- yet has NULL where an actual is needed. A BI tool charts the view as it is.
--   psql -d analytics -f plan_vs_actual.sql   (after actuals.sql, with CREATE EXTENSION alignkit
--   and the template store on the search path: docs/postgresql.md, "Where the store is")
CREATE OR REPLACE VIEW actuals.plan_vs_actual AS
WITH months AS (
  SELECT p.team, p.month, p.bookings_target, p.sales_target,
         a.bookings, a.clicks, a.sales, a.reps, a.hires, a.departures,
         -- the month's last second, in UTC as the store's times are
         (p.month + interval '1 month') AT TIME ZONE 'UTC' - interval '1 second' AS month_end,
         -- the plan made in a month covers the rest of its year
         array_agg(p.bookings_target::float8) OVER (PARTITION BY p.team, date_trunc('year', p.month)
           ORDER BY p.month ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS targets_ahead,
         sum(a.bookings) OVER (PARTITION BY p.team, date_trunc('year', p.month) ORDER BY p.month) AS bookings_ytd,
         sum(p.bookings_target) OVER (PARTITION BY p.team, date_trunc('year', p.month)) AS year_target
  FROM actuals.plan p LEFT JOIN actuals.monthly a USING (team, month)
),
assumed AS (  -- the assumptions in force at each month's end
  SELECT m.*,
         (SELECT v.version FROM alignkit.template_versions v
          WHERE v.name = m.team AND v.valid_from <= m.month_end AND (v.valid_to IS NULL OR m.month_end < v.valid_to)) AS version,
         alignkit.template_value(m.team, 'funnel.rates.visit_to_demo', m.month_end) AS visit_to_demo,
         alignkit.template_value(m.team, 'funnel.rates.demo_to_sale', m.month_end) AS demo_to_sale,
         alignkit.template_value(m.team, 'people.annual_salary', m.month_end) AS annual_salary,
         alignkit.template_value(m.team, 'people.monthly_quota', m.month_end) AS quota,
         alignkit.template_value(m.team, 'people.attainment', m.month_end) AS attainment,
         alignkit.template_value(m.team, 'people.ramp_months', m.month_end) AS ramp,
         alignkit.template_value(m.team, 'people.monthly_attrition', m.month_end) AS attrition,
         alignkit.template_value(m.team, 'people.vacancy_months', m.month_end) AS vacancy,
         alignkit.template_value(m.team, 'people.recruiting_cost', m.month_end) AS recruiting,
         alignkit.template_value(m.team, 'people.onboarding_cost', m.month_end) AS onboarding,
         alignkit.template_value(m.team, 'people.separation_cost', m.month_end) AS separation,
         alignkit.template_value(m.team, 'people.margin', m.month_end) AS margin
  FROM months m
)
SELECT team, month, version,
       sales_target, sales,
       -- the top of the funnel the month's deals needed, at the month's conversion rates
       round((SELECT f.volumes[1] FROM alignkit.funnel_schedule(ARRAY[sales_target::float8],
              ARRAY[visit_to_demo, demo_to_sale], ARRAY[0, 0]::float8[]) f WHERE f.period = 1)::numeric) AS clicks_plan,
       clicks,
       -- the hires the plan made that month asked to start that month (with the team it had)
       (alignkit.hiring_plan(targets_ahead, quota, ramp, attrition, reps, attainment))[1]::integer AS hires_plan,
       hires,
       departures,
       round((departures * alignkit.turnover_cost(annual_salary, quota, ramp, vacancy, recruiting,
              onboarding, margin, separation))::numeric) AS departures_cost,
       bookings_ytd,
       -- year-to-date bookings against the year's target pro-rated to the month's end (1 = on pace)
       round(alignkit.goal_pace(bookings_ytd::float8, year_target::float8, date_trunc('year', month)::date,
             (date_trunc('year', month) + interval '1 year - 1 day')::date,
             (month + interval '1 month - 1 day')::date)::numeric, 3) AS pace
FROM assumed;

SELECT * FROM actuals.plan_vs_actual ORDER BY team DESC, month;
