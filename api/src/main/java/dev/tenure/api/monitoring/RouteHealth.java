package dev.tenure.api.monitoring;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The health of some Camel routes, from Camel's own knowledge: whether each route runs, and what its route
 * and consumer health checks say (a consumer whose polls keep failing, a Kafka consumer that cannot reach
 * its brokers). DOWN when any of them is stopped or failing; each route is a detail.
 */
final class RouteHealth {

    private RouteHealth() {
    }

    static Health of(CamelContext camel, Predicate<Route> which) {
        List<Route> routes = camel.getRoutes().stream().filter(which).toList();
        if (routes.isEmpty()) {
            return Health.unknown().build();
        }
        Collection<HealthCheck.Result> checks = HealthCheckHelper.invoke(camel);
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Route route : routes) {
            String id = route.getRouteId();
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("route", status == null ? "unknown" : status.name());
            boolean failing = status == null || !status.isStarted();
            for (HealthCheck.Result check : checks) {
                if (of(check, id) && check.getState() == HealthCheck.State.DOWN) {
                    failing = true;
                    detail.put(check.getCheck().getId(), check.getMessage()
                            .or(() -> check.getError().map(Throwable::getMessage)).orElse("DOWN"));
                }
            }
            down |= failing;
            details.put(id, detail);
        }
        return Health.status(down ? Status.DOWN : Status.UP).withDetails(details).build();
    }

    /** Camel names a route's checks {@code route:<id>} and {@code consumer:<id>}. */
    private static boolean of(HealthCheck.Result check, String routeId) {
        return check.getCheck().getId().endsWith(":" + routeId);
    }

    static boolean readsKafka(Route route) {
        return route.getEndpoint().getEndpointUri().startsWith("kafka:");
    }
}
