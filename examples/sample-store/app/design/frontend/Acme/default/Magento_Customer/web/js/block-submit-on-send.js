/**
 * Acme: disable the submit button while the form posts, and show a spinner in it.
 * Written for the MageUp sample store (not a copy of the core file).
 */
define(['jquery', 'jquery/ui'], function ($) {
    'use strict';

    return function (config) {
        var form = $('#' + config.formId);

        form.on('submit', function () {
            if (form.validation('isValid')) {
                form.find('button[type=submit]').prop('disabled', true).addClass('acme-loading');
            }
        });
    };
});
