# Refreshes the SSO token of a profile the way the AWS CLI does (botocore's SSOTokenProvider, which
# takes no lock), for the refresh-storm test. Prints "ok" or the error.
import sys
import botocore.session
from botocore.tokens import SSOTokenProvider

session = botocore.session.Session(profile=sys.argv[1])
try:
    token = SSOTokenProvider(session).load_token().get_frozen_token()
    print("ok" if token.token else "none")
except Exception as e:  # noqa: BLE001 - the test only reports it
    print(f"error {type(e).__name__}")
