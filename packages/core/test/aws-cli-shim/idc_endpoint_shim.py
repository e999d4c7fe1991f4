"""Test-only AWS CLI v2 plugin: makes Debian's AWS CLI 2.9 honour AWS_ENDPOINT_URL.

AWS CLI >= 2.13 reads AWS_ENDPOINT_URL itself; 2.9 (the v2 on this machine) does not, so an
interop test could not reach the emulator. The plugin sets the endpoint every client resolves,
including the STS client of the assume-role credential provider and the SSO portal client.
Loaded through the config file's [plugins] section (cli_legacy_plugin_path).
"""
import os


def awscli_initialize(cli):
    url = os.environ.get('AWS_ENDPOINT_URL')
    if not url:
        return

    def use_endpoint(builtins, **kwargs):
        builtins['SDK::Endpoint'] = url

    cli.register('before-endpoint-resolution', use_endpoint)
