## The /api/status API and its tokens
api-unauthorized = A valid token is needed in the Authorization header: Bearer <token>. The server's operator creates one with api token create.
api-bad-period = The period "{ $value }" is not valid: write the month as YYYY-MM, for example 2026-12.
cli-api = the API for other systems (/api/status)
cli-api-token = API tokens
cli-api-token-create = create a new token (shown once only)
cli-api-token-name = a name to remember it by, such as the system that will use it
cli-api-token-list = list the tokens (never the tokens themselves)
cli-api-token-revoke = revoke a token by its number
cli-api-token-created = Token #{ $id } ({ $name }) created. It is shown this once only, keep it now:
    { $token }
cli-api-token-none = No tokens yet.
cli-api-token-never = never
cli-api-token-line = #{ $id } { $name }: created { $created }, last used { $used }
cli-api-token-line-revoked = #{ $id } { $name }: created { $created }, last used { $used }, revoked { $revoked }
cli-api-token-revoked = Token #{ $id } ({ $name }) revoked.
err-api-token-name = The token name "{ $value }" is not valid: 1 to 100 characters.
err-api-token-unknown = There is no live token #{ $id }.
