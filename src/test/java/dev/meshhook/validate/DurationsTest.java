package dev.meshhook.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "+0|0", "-0|0", "1s|1000000000", "1.5s|1500000000", "1h|3600000000000", "1m30s|90000000000",
        "500ms|500000000", "300us|300000", "300\u00b5s|300000", "300\u03bcs|300000", "1ns|1", "-1s|-1000000000",
        ".5s|500000000", "1.s|1000000000", "1h2m3s4ms5us6ns|3723004005006",
        "2562047h47m16.854775807s|9223372036854775807", "-2562047h47m16.854775808s|-9223372036854775808",
        "0.1ns|0", "5s|5000000000"})
    void parsesGoSyntax(String in, long nanos) {
        assertEquals(nanos, Durations.parseGo(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|time: invalid duration \"\"", "apple|time: invalid duration \"apple\"", "1|time: missing unit in duration \"1\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"", "-|time: invalid duration \"-\"", ".s|time: invalid duration \".s\"",
        "1s 2s|time: unknown unit \"s \" in duration \"1s 2s\"",
        "2562047h47m16.854775808s|time: invalid duration \"2562047h47m16.854775808s\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "3000000h|time: invalid duration \"3000000h\""})
    void rejectsLikeGo(String in, String message) {
        Durations.SyntaxException e = assertThrows(Durations.SyntaxException.class, () -> Durations.parseGo(in));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1ms|", "5s|", "0s|duration must be greater than 1ms", "999us|duration must be greater than 1ms",
        "-1s|duration must be greater than 1ms", "1.5ms|only durations to ms precision are supported",
        "1001us|only durations to ms precision are supported", "abc|bad Duration: time: invalid duration \"abc\""})
    void validatesIstioRule(String in, String message) {
        assertEquals(Optional.ofNullable(message), Durations.validate(in));
    }
}
