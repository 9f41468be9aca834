package dev.cdp.activation.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    @Test
    void fillsEveryPlaceholderAndLeavesTheRestAsWritten() {
        assertEquals(
                "Hi p-1! p-1 is now in VIP. {{unknown}}",
                MessageTemplate.render(
                        "Hi {{one_id}}! {{one_id}} is now in {{segment_name}}. {{unknown}}", "p-1", "VIP"));
    }
}
