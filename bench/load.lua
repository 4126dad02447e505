-- wrk script for bench/load.sh: each request is the next search of the file $PATHS (request
-- paths of /api/search, one a line, from bench/search_paths.py), each thread starting at
-- another place in the list, so that connections ask different queries.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  paths[#paths + 1] = line
end
local at = 0

function setup(thread)
  thread:set("start", math.random(#paths))
end

function init()
  at = tonumber(start) or 0
end

function request()
  at = at % #paths + 1
  return wrk.format("GET", paths[at])
end
