package io.github.flinkcosmos.embedded.auth;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The resource type and resource link a request is signed over, derived from its path as the
 * service does: {@code /dbs/db/colls/c/docs/x} is the item {@code dbs/db/colls/c/docs/x} of type
 * {@code docs}; the feed {@code /dbs/db/colls/c/docs} (creates, upserts, bulk, queries) is signed
 * over its parent {@code dbs/db/colls/c}; {@code /} (the account) over an empty type and link. A
 * path by resource ids ({@code /dbs/gAABAA==/colls/gAABAIAAAAE=/pkranges}) is signed over the id of
 * the last resource, lower-cased, as the SDK's {@code BaseAuthorizationTokenProvider} does for
 * every link that is not name-based.
 */
record ResourceAddress(String type, String link) {

    static ResourceAddress of(List<String> segments) {
        int count = segments.size();
        if (count == 0) {
            return new ResourceAddress("", "");
        }
        boolean item = count % 2 == 0;
        String type = item ? segments.get(count - 2) : segments.get(count - 1);
        List<String> linkSegments = item ? segments : segments.subList(0, count - 1);
        if (linkSegments.isEmpty()) {
            return new ResourceAddress(type, "");
        }
        if (isResourceIdBased(segments) || segments.get(0).equals("offers")) {
            String lastId = linkSegments.get(linkSegments.size() - 1);
            return new ResourceAddress(type, lastId.toLowerCase(Locale.ROOT));
        }
        return new ResourceAddress(type, String.join("/", linkSegments));
    }

    /** A database resource id is 4 bytes, Base64 with {@code -} for {@code /}: 8 characters. */
    private static boolean isResourceIdBased(List<String> segments) {
        if (segments.size() < 2 || !segments.get(0).equals("dbs")) {
            return false;
        }
        String database = segments.get(1);
        if (database.length() != 8) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(database.replace('-', '/')).length == 4;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
