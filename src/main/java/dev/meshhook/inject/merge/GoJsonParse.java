package dev.meshhook.inject.merge;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses JSON text the way Go's {@code json.Unmarshal} accepts it, with Go-like syntax error texts. */
final class GoJsonParse {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoJsonParse() {
    }

    static JsonNode parse(String text) throws GoDecodeException {
        if (text.isBlank()) {
            throw new GoDecodeException("unexpected end of JSON input");
        }
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null) {
                throw new GoDecodeException("unexpected end of JSON input");
            }
            return n;
        } catch (JsonParseException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            if (at < 0 || at >= text.length()) {
                throw new GoDecodeException("unexpected end of JSON input");
            }
            char c = text.charAt((int) at);
            int prev = (int) at - 1;
            while (prev >= 0 && Character.isWhitespace(text.charAt(prev))) {
                prev--;
            }
            String what = prev >= 0 && text.charAt(prev) == '{' ? "looking for beginning of object key string"
                    : "looking for beginning of value";
            throw new GoDecodeException("invalid character '" + c + "' " + what);
        } catch (JsonProcessingException e) {
            throw new GoDecodeException("unexpected end of JSON input");
        }
    }
}
