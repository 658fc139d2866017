package org.hbft.spec;

import java.util.Map;

/**
 * One state of a counterexample, as TLC printed it.
 *
 * @param number    the state's position in the behaviour (1 = initial state)
 * @param action    the action that led to this state ({@code "Init"} for the first one,
 *                  {@code "Stuttering"} when a liveness counterexample ends by stuttering)
 * @param location  where TLC says the action is defined (empty when not given)
 * @param variables every variable and its value, in TLC's notation, in the order printed
 */
public record TraceState(int number, String action, String location, Map<String, String> variables) {

    public TraceState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }
}
