define(['jquery', 'Magento_Customer/js/section-config'], function ($, sectionConfig) {
    'use strict';

    // Acme's reduced customer-data: reloads only the cart section after checkout actions.
    return {
        reload: function (sectionNames) {
            return $.getJSON(window.BASE_URL + 'customer/section/load/', {
                sections: sectionConfig.filterClientSideSections(sectionNames).join(',')
            });
        }
    };
});
