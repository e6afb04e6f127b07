"""
moto_server as the moto target starts it: moto's own server (moto.server.main, the arguments moto_server takes),
with two changes of cost, none of behaviour, and one of interleaving (below).

A KMS key's RSA key pair is made when it is first used. moto 5.2.5 makes an RSA-2048 key pair for every
CreateKey, symmetric keys too (moto/kms/utils.py generate_private_key falls back to RSA-2048), and uses it only
to sign, verify and give the public key (Sign, Verify, GetPublicKey). Making one takes about 100 ms under the one
Python lock every request waits for: without this, the keys a run creates cost most of its time. A key whose
pair is asked for gets one then, made as moto makes it, once.

GET /moto-api/data.json, moto's dashboard data, takes filters in its query string, so that
the target reads what one queue holds without moto serialising every model instance it ever made: data.json
lists all of them (every message of the run, each key, topic, queue...), attribute by attribute, so its cost
grows with the whole run, seconds per request once a run has sent thousands of messages, under the one Python
lock every other request of the run waits for. No service behaves differently; without a query, data.json
answers as moto's does, and a moto_server without this addition answers a filtered request in full, which the
target reads the same way (../moto/moto-store.ts).

  service=sqs                 only the models of this service
  model=Queue,Message         only these models
  Queue.name=NAME             of a model, only the instances whose attribute (here `name`) has one of these
  Message.id=ID1,ID2          values, comma-separated (an instance without the attribute is left out)

And one change of interleaving: moto's server is threaded, and moto is not safe under requests at once (KMS
CreateAlias iterates every key, moto/kms/models.py alias_exists, while another request's CreateKey adds one:
"dictionary changed size during iteration", an HTTP 500 that a run at 8 clauses at once met). Requests are answered
one at a time, in the order they take the lock, as a run of one clause at a time has them answered; a long poll on
an empty queue holds the others back for its wait (seconds at most: the clauses' long polls find their message).
"""
import sys
import threading
from urllib.parse import parse_qs, urlsplit

from moto.kms import models as kms_models
from moto.moto_api._internal import responses

_make_key_pair = kms_models.generate_private_key


class _KeyPairWhenFirstUsed:
    """Stands for the key pair moto would have made at CreateKey: made as moto makes it, on first use, once."""

    def __init__(self, key_spec):
        self._key_spec = key_spec
        self._pair = None
        self._lock = threading.Lock()

    def __getattr__(self, name):
        with self._lock:
            if self._pair is None:
                self._pair = _make_key_pair(self._key_spec)
        return getattr(self._pair, name)


# Key.__init__ calls generate_private_key by its name in moto.kms.models.
kms_models.generate_private_key = _KeyPairWhenFirstUsed

_full = responses.MotoAPIResponse.model_data


def _model_data(self, request, full_url, headers):
    query = parse_qs(urlsplit(full_url).query)
    if not query:
        return _full(self, request, full_url, headers)
    import json

    from moto.core.model_instances import model_data

    wanted_service = query.get("service", [None])[0]
    wanted_models = set(",".join(query["model"]).split(",")) if "model" in query else None
    filters = {}
    for key, values in query.items():
        if "." in key:
            model, attr = key.split(".", 1)
            filters.setdefault(model, []).append((attr, set(",".join(values).split(","))))
    results = {}
    for service in sorted(model_data):
        if wanted_service is not None and service != wanted_service:
            continue
        models = model_data[service]
        results[service] = {}
        for name in sorted(models):
            if wanted_models is not None and name not in wanted_models:
                continue
            results[service][name] = []
            for instance in models[name].instances_tracked:
                if not all(str(getattr(instance, attr, None)) in allowed for attr, allowed in filters.get(name, [])):
                    continue
                # As moto's own model_data: every public attribute that is JSON.
                inst_result = {}
                for attr in dir(instance):
                    if not attr.startswith("_"):
                        try:
                            json.dumps(getattr(instance, attr))
                        except (TypeError, AttributeError, ValueError):
                            pass
                        else:
                            inst_result[attr] = getattr(instance, attr)
                results[service][name].append(inst_result)
    return 200, {"Content-Type": "application/javascript"}, json.dumps(results)


responses.MotoAPIResponse.model_data = _model_data

import moto.server as _server  # noqa: E402  (after the patch: moto's routes bind the method when they are imported)

_run_simple = _server.run_simple


class _OneAtATime:
    """The WSGI application, answering one request at a time (its whole response made under one lock)."""

    def __init__(self, app):
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            return list(self._app(environ, start_response))


def _run_one_at_a_time(hostname, port, application, *args, **kwargs):
    return _run_simple(hostname, port, _OneAtATime(application), *args, **kwargs)


# moto.server.main calls run_simple by its name in moto.server.
_server.run_simple = _run_one_at_a_time

if __name__ == "__main__":
    sys.exit(_server.main())
