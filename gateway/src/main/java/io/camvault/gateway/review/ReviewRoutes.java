package io.camvault.gateway.review;

import io.camvault.gateway.auth.Access;
import io.camvault.gateway.backend.Backend;
import io.camvault.gateway.http.Route;
import java.util.List;
import java.util.concurrent.Executor;

/** Adds the review routes to the gateway's route list; they must come before the plain segments route. */
public final class ReviewRoutes {
    private ReviewRoutes() {
    }

    /** @param review null when the gateway runs over a backend without a vault (protocol tests): no review routes */
    public static void register(List<Route> routes, Backend backend, ReviewBackend review, Access access,
            Executor pool, Executor clipPool) {
        if (review == null) {
            return;
        }
        routes.add(new ReviewPageRoute());
        ContentRoute content = new ContentRoute(backend, review, access, pool, clipPool);
        routes.add(content);
        routes.add(new RedactionRoute(backend, review, access, pool, content));
        routes.add(new DetailRoute(backend, review, access, pool));
    }
}
