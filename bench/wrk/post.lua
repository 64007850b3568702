-- POST the file named by env BODY as application/json; count answers that are not HTTP 200 and, when env EXPECT
-- is set, 200 answers whose body does not contain EXPECT (a plain substring), so a run that only measured
-- denials or skipped pods shows it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local path = os.getenv("BODY")
local f = assert(io.open(path, "rb"), "cannot open BODY=" .. tostring(path))
wrk.body = f:read("*a")
f:close()
local expect = os.getenv("EXPECT")

local non200 = 0
local unexpected = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif expect and expect ~= "" and not string.find(body, expect, 1, true) then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", non200))
  io.write(string.format("answers without EXPECT: %d\n", unexpected))
end
