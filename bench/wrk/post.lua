-- POST the file named by env BODY as application/json; count answers that are not HTTP 200.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local path = os.getenv("BODY")
local f = assert(io.open(path, "rb"), "cannot open BODY=" .. tostring(path))
wrk.body = f:read("*a")
f:close()

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", non200))
end
