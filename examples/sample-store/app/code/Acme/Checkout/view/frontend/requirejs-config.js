var config = {
    map: {
        '*': {
            'Magento_Customer/js/customer-data': 'Acme_Checkout/js/customer-data'
        }
    },
    config: {
        mixins: {
            'Magento_Checkout/js/view/shipping': {
                'Acme_Checkout/js/view/shipping-mixin': true
            }
        }
    }
};
