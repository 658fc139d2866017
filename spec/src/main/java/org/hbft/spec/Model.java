package org.hbft.spec;

/**
 * One TLC model: a configuration file {@code models/<name>.cfg} for a root module, with the
 * outcome it must have.
 *
 * @param name        the model's name, also the name of its .cfg file
 * @param module      the root TLA+ module TLC loads
 * @param tier        when it is checked
 * @param expectation pass, or the property TLC must report violated
 * @param summary     one line saying what the model is for
 */
public record Model(String name, String module, Tier tier, Expectation expectation, String summary) {

    public String configFile() {
        return "models/" + name + ".cfg";
    }
}
