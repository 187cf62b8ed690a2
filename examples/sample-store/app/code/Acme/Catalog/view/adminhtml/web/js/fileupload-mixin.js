define(['jquery'], function ($) {
    'use strict';

    // Reject product images over 8 MB before they are uploaded.
    return function () {
        $.widget('blueimp.fileupload', $.blueimp.fileupload, {
            _onAdd: function (e, data) {
                if (data.files.some(function (file) { return file.size > 8 * 1024 * 1024; })) {
                    return false;
                }

                return this._super(e, data);
            }
        });
    };
});
