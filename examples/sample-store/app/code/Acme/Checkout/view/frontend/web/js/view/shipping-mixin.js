define(['Magento_Checkout/js/model/quote'], function (quote) {
    'use strict';

    // Require a delivery date before the shipping step can be left.
    return function (Shipping) {
        return Shipping.extend({
            validateShippingInformation: function () {
                var address = quote.shippingAddress();

                if (address && !(address.extensionAttributes || {}).acme_delivery_date) {
                    this.errorValidationMessage('Please choose a delivery date.');

                    return false;
                }

                return this._super();
            }
        });
    };
});
