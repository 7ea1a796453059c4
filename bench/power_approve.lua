-- wrk script for bench/approvals.sh, phase 2: approves the cases phase 1 started, as the
-- secretary, each case once (thread t of n takes ids t, t+n, ...); a thread stops when its
-- share is used up, so every measured request is a real approval.
local token = os.getenv("QL_BENCH_TOKEN")
local ids_file = os.getenv("QL_BENCH_IDS")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local all = {}
  for line in io.lines(ids_file) do all[#all + 1] = line end
  mine = {}
  local n = tonumber(os.getenv("QL_BENCH_WRK_THREADS") or "2")
  for i = index, #all, n do mine[#mine + 1] = all[i] end
  next_i = 1
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if next_i > #mine then
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  local id = mine[next_i]
  next_i = next_i + 1
  return wrk.format("POST", "/api/v1/power/cases/" .. id .. "/actions", nil,
                    '{"step":"approve","action":"approve"}')
end
