-- wrk script for bench/approvals.sh, phase 1: starts cases of the bench item as the clerk and
-- appends each new case's id to $QL_BENCH_IDS (one line per case).
local token = os.getenv("QL_BENCH_TOKEN")
local ids = os.getenv("QL_BENCH_IDS")
local region = os.getenv("QL_BENCH_REGION")
local out
wrk.method = "POST"
wrk.path = "/api/v1/power/cases"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"item":"bench.approval","region":"' .. region .. '","title":"压测办件","amount_fen":10000}'

function response(status, headers, body)
  if status == 201 then
    if not out then
      out = io.open(ids, "a")
      out:setvbuf("line")
    end
    local id = body:match('"id":(%d+),"item_code"')
    if id then out:write(id, "\n") end
  end
end
