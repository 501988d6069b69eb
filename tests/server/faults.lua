-- wrk script for the load-and-faults test: one request in five is malformed or invalid.
-- Every 200 must carry the right answer; every bad request must get a 4xx.
local good = '{"function": "FUNNEL.BUDGET", "args": [100, [0.02, 0.05, 0.2], 0.008]}'
local bad = {
  '{"function": ',
  'not json \255\254',
  '{"function": "FUNNEL.BUDGET", "args": [100, [0.02, 1.5], 1]}',
  string.rep("[", 100) .. string.rep("]", 100),
  '{"function": "NOPE", "args": []}',
  '{"calls": 5}',
}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  sent, good_ok, good_wrong, bad_rejected, other = 0, 0, 0, 0, 0
end

function request()
  sent = sent + 1
  local body = good
  if sent % 5 == 0 then body = bad[(sent / 5) % #bad + 1] end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 200 then
    if body == '{"value":4000.0}' then good_ok = good_ok + 1 else good_wrong = good_wrong + 1 end
  elseif status == 400 or status == 413 then
    bad_rejected = bad_rejected + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local ok, wrong, rejected, oth = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("good_ok")
    wrong = wrong + t:get("good_wrong")
    rejected = rejected + t:get("bad_rejected")
    oth = oth + t:get("other")
  end
  io.write(string.format("good %d wrong %d rejected %d other %d rps %.0f p99_ms %.2f\n", ok, wrong, rejected, oth,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
