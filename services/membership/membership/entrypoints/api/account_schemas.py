"""What membership's HTTP API takes and gives about accounts and tokens."""

from marshmallow import Schema, fields, validate

from membership.entrypoints.api.schemas import Address

SECRET = validate.Length(min=1, max=200)


class PasswordSetupSchema(Schema):
    token = fields.String(
        required=True, validate=SECRET, metadata={"description": "The secret from the link."}
    )
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=10, max=256),
        metadata={"description": "10 to 256 characters."},
    )


class LoginSchema(Schema):
    email = Address(required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=256))


class RefreshSchema(Schema):
    refresh_token = fields.String(required=True, validate=SECRET)


class TokensSchema(Schema):
    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "Seconds the access token lasts."})
    member_id = fields.String()
