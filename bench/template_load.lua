-- wrk script for the template store: each wrk thread (one connection) reads the shared
-- inside_sales template, and with probability WRITE_SHARE publishes the next version of a
-- template of its own (If-Match from its last answer, so a 412 would be a bug, not a race).
--   wrk -t4 -c4 -s template_load.lua URL -- WRITE_SHARE TOKEN RUN_NAME
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  write_share = tonumber(args[1])
  token = args[2]
  name = "bench-" .. args[3] .. "-" .. id  -- every thread its own template, every run its own set
  version, sequence, writing = nil, 0, false
  reads, writes, conflicts = 0, 0, 0
end

function request()
  writing = math.random() < write_share
  if not writing then  -- reading needs a token too, as packaged
    return wrk.format("GET", "/v1/templates/inside_sales", { ["Authorization"] = "Bearer " .. token })
  end
  sequence = sequence + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if version then headers["If-Match"] = '"' .. version .. '"' end
  return wrk.format("PUT", "/v1/templates/" .. name, headers,
    '{"template_version": 1, "people": {"sequence": ' .. sequence .. ', "annual_salary": 65000}}')
end

function response(status, headers, body)
  if not writing then
    if status == 200 then reads = reads + 1 end
  elseif status == 200 or status == 201 then
    writes = writes + 1
    version = string.gsub(headers["ETag"], '"', "")
  elseif status == 412 then
    conflicts = conflicts + 1
  end
end

function done(summary, latency, requests)
  local r, w, c = 0, 0, 0
  for _, thread in ipairs(threads) do
    r, w, c = r + thread:get("reads"), w + thread:get("writes"), c + thread:get("conflicts")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("reads/s %.0f  writes/s %.0f  p50 %.2f ms  p99 %.2f ms  412s %d  errors: status %d connect %d read %d write %d timeout %d\n",
    r / seconds, w / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, c,
    e.status, e.connect, e.read, e.write, e.timeout))
end
