"""/healthz: database, cache and broker, as JSON; 200 when all are healthy, 503 when not."""

import dataclasses

from celery import current_app
from django.conf import settings
from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker answers a connection (in-process in the embedded mode)."""

    def run(self):
        try:
            with current_app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # any transport error means the broker is down
            raise ServiceUnavailable(f"broker unreachable: {type(error).__name__}") from error


class HealthView(HealthCheckView):
    checks = ((Database, {}), (Cache, {}), (Broker, {}))
    names = {Database: "database", Cache: "cache", Broker: "broker"}

    def render_to_response_json(self, status):
        healthy = all(not result.error for result in self.results)
        body = {
            "status": "ok" if healthy else "error",
            "checks": {
                self.names.get(type(result.check), repr(result.check)): "ok" if not result.error else str(result.error)
                for result in self.results
            },
        }
        return JsonResponse(body, status=200 if healthy else 503)

    def render_to_response(self, context, **kwargs):
        return self.render_to_response_json(kwargs.get("status", 200))

    def render_to_response_text(self, status):
        return self.render_to_response_json(status)
