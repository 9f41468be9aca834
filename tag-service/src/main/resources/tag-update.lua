-- Applies one event to one profile's tags, atomically, at most once per messageId.
-- KEYS[1] tags hash: the current public values (and _-prefixed internals)
-- KEYS[2] day buckets hash: "e:<day>" events and "o:<day>" orders per UTC epoch day
-- KEYS[3] recent messageIds (sorted set scored by arrival), for deduplication
-- ARGV: messageId, eventDay, today, isOrder (1/0), revenueCents, eventMillis, nowMillis,
--       dedupeWindow, windowDays, channel
-- Returns {} for a duplicate, else {old hash as flat pairs, new hash as flat pairs}.
local tags, buckets, recent = KEYS[1], KEYS[2], KEYS[3]
local messageId, day, today = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local isOrder, cents, at = ARGV[4] == '1', tonumber(ARGV[5]), tonumber(ARGV[6])
local dedupeWindow, windowDays, channel = tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10]

if redis.call('ZSCORE', recent, messageId) then
  return {}
end
redis.call('ZADD', recent, ARGV[7], messageId)
if redis.call('ZCARD', recent) > dedupeWindow then
  redis.call('ZREMRANGEBYRANK', recent, 0, -dedupeWindow - 1)
end

local old = redis.call('HGETALL', tags)

-- Late events land in their own day; events older than the window only count in lifetime tags.
local oldest = today - windowDays + 1
if day >= oldest then
  redis.call('HINCRBY', buckets, 'e:' .. day, 1)
  if isOrder then redis.call('HINCRBY', buckets, 'o:' .. day, 1) end
end
local events, orders = 0, 0
local all = redis.call('HGETALL', buckets)
for i = 1, #all, 2 do
  local field = all[i]
  if tonumber(string.sub(field, 3)) < oldest then
    redis.call('HDEL', buckets, field)
  elseif string.sub(field, 1, 1) == 'e' then
    events = events + tonumber(all[i + 1])
  else
    orders = orders + tonumber(all[i + 1])
  end
end

redis.call('HSET', tags, 'event_count_30d', events, 'order_count_30d', orders)
redis.call('HSETNX', tags, 'order_count_total', 0)
redis.call('HSETNX', tags, '_spend_cents', 0)
if isOrder then
  redis.call('HINCRBY', tags, 'order_count_total', 1)
  local spend = redis.call('HINCRBY', tags, '_spend_cents', cents)
  redis.call('HSET', tags, 'total_spend', string.format('%.2f', spend / 100))
else
  redis.call('HSETNX', tags, 'total_spend', '0.00')
end
local last = tonumber(redis.call('HGET', tags, 'last_seen_at') or '-1')
if at >= last then
  redis.call('HSET', tags, 'last_seen_at', at, 'last_channel', channel)
end
local first = redis.call('HGET', tags, 'first_seen_at')
if not first or at < tonumber(first) then
  redis.call('HSET', tags, 'first_seen_at', at)
end
return {old, redis.call('HGETALL', tags)}
