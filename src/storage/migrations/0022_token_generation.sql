-- Only the token changes that can make a cached verification wrong move the identity generation
-- (storage/identity_generation.hpp). Before this, every write to api_tokens did, and the
-- once-a-minute last_used_at write of any busy token emptied every other token's cache entry.
-- A new token needs no bump (it cannot be cached before it exists); a revocation, a new expiry,
-- scopes or owner, or a deletion must be seen by the next request.
CREATE TRIGGER api_tokens_access_update
AFTER UPDATE OF token_hash, expires_at, revoked_at, user_id, scopes ON api_tokens
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER api_tokens_access_delete AFTER DELETE ON api_tokens
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
