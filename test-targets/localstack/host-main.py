"""Starts localstack-core in host mode (no container) for the SSE conformance suite.

LocalStack's container runs `python -m localstack.runtime.main`; this runs the same entry point,
with two fixes for running it on a shared machine:
1. Its twisted gateway ignores the host part of GATEWAY_LISTEN and binds 0.0.0.0: bind the
   configured host (127.0.0.1) instead.
2. When the port cannot be bound it only logs CannotListenError, still prints "Ready." and then
   ignores SIGTERM: exit at once with status 98 instead.
"""
import os
import sys
import warnings

warnings.filterwarnings("ignore", message=".*service_identity.*")

from twisted.internet import endpoints  # noqa: E402

_bind_host = os.environ.get("GATEWAY_LISTEN", "127.0.0.1").split(",")[0].rsplit(":", 1)[0] or "127.0.0.1"
_orig_init = endpoints.TCP4ServerEndpoint.__init__
_orig_listen = endpoints.TCP4ServerEndpoint.listen


def _init(self, reactor, port, backlog=50, interface=""):
    _orig_init(self, reactor, port, backlog, interface or _bind_host)


def _listen(self, factory):
    def _fatal(failure):
        sys.stderr.write(f"FATAL: gateway cannot listen: {failure.getErrorMessage()}\n")
        sys.stderr.flush()
        os._exit(98)

    return _orig_listen(self, factory).addErrback(_fatal)


endpoints.TCP4ServerEndpoint.__init__ = _init
endpoints.TCP4ServerEndpoint.listen = _listen

from localstack.runtime.main import main  # noqa: E402

main()
